package io.timetracker.connector.github.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.TestTokens;
import io.timetracker.connector.kit.api.ConnectorApi;
import io.timetracker.connector.kit.api.StatusResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * GitHub serves connector-kit's uniform {@link ConnectorApi}: called here both over plain HTTP and
 * through a typed REST client built from the interface alone, as the gateway will call every
 * connector.
 */
@QuarkusTest
class ConnectorApiTest extends ConnectorTestBase {

  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final String BASE = "/api/integrations/github";

  @TestHTTPResource("/api/integrations/github")
  URI base;

  @Test
  void aCallerWithoutAConnectionIsNotConfiguredButHasAStatus() {
    given()
        .auth()
        .oauth2(TestTokens.user("nora"))
        .get(BASE + "/config")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_configured"))
        .body("detail", equalTo("Integration not configured"));

    StatusResponse status = client("nora").status(null).await().atMost(WAIT);

    assertThat(status.ok()).isTrue();
    assertThat(status.connected()).isFalse();
  }

  @Test
  void theTypedClientReadsConfigAndStatusOfTheCallersConnection() {
    String repo = "octo/uniform-" + REPOS.incrementAndGet();
    String id = create("olga", repo, Map.of("defaultProjectId", 100)).path("connection.id");
    ConnectorApi api = client("olga");

    var config = api.config(null).await().atMost(WAIT);
    var status = api.status(id).await().atMost(WAIT);

    assertThat(config.provider()).isEqualTo("github");
    assertThat(config.settings())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("repository", repo);
    assertThat(config.secrets()).containsEntry("webhookSecretSet", true);
    assertThat(status.connected()).isTrue();
  }

  @Test
  void disconnectDeletesTheConnectionThenItIsNotConfigured() {
    String repo = "octo/uniform-" + REPOS.incrementAndGet();
    String id = create("pia", repo, Map.of()).path("connection.id");
    ConnectorApi api = client("pia");

    api.disconnect(id).await().atMost(WAIT);

    assertThatThrownBy(() -> api.config(null).await().atMost(WAIT))
        .isInstanceOfSatisfying(
            WebApplicationException.class,
            e -> assertThat(e.getResponse().getStatus()).isEqualTo(404));
  }

  @Test
  void anotherUsersConnectionIsNotFound() {
    String id =
        create("quinn", "octo/uniform-" + REPOS.incrementAndGet(), Map.of()).path("connection.id");

    given()
        .auth()
        .oauth2(TestTokens.user("rita"))
        .post(BASE + "/test?connection=" + id)
        .then()
        .statusCode(404)
        .body("code", equalTo("connection_not_found"));
  }

  private ConnectorApi client(String user) {
    String token = TestTokens.user(user);
    return QuarkusRestClientBuilder.newBuilder()
        .baseUri(base)
        .register((ClientRequestFilter) r -> r.getHeaders().add("Authorization", "Bearer " + token))
        .build(ConnectorApi.class);
  }
}
