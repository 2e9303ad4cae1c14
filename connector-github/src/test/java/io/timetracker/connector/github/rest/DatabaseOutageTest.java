package io.timetracker.connector.github.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL stopped, a correctly signed delivery cannot be looked up: the answer is 503
 * problem+json with {@code Retry-After} (GitHub can redeliver later), never a 401 that would send
 * the user hunting for a secret problem that does not exist.
 */
@QuarkusTest
class DatabaseOutageTest extends ConnectorTestBase {

  private static final Class<?> RESOURCES = GithubTestResources.class;

  @Test
  void aSignedWebhookWhileTheDatabaseIsDownIs503WithRetryAfterNot401() {
    var created = create("alice", "octo/outage", Map.of("defaultProjectId", 100));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.path("connection.id");
    String secret = created.path("webhookSecret");
    byte[] body = Deliveries.issue("opened", "octo/outage", 1, "While down", List.of(), null);

    EmbeddedPostgresResource.stopServer();
    try {
      for (String url : List.of(hook(id), "/api/integrations/github/webhook")) {
        Response answer =
            deliver(url, "issues", Deliveries.newId(), body, Deliveries.sign(secret, body));
        answer
            .then()
            .statusCode(503)
            .contentType(startsWith("application/problem+json"))
            .body("code", equalTo("dependency_unavailable"))
            .body("status", equalTo(503));
        assertThat(answer.header("Retry-After")).isNotBlank();
      }
    } finally {
      EmbeddedPostgresResource.startServer();
    }
  }
}
