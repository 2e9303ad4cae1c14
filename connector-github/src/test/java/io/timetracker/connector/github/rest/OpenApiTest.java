package io.timetracker.connector.github.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.connector.github.GithubTestResources;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document names every operation and declares the webhook's answers. */
@QuarkusTest
class OpenApiTest {

  private static final Class<?> RESOURCES = GithubTestResources.class;

  @Test
  void everyOperationHasAnIdAndTheWebhookDeclaresItsErrorAnswers() {
    String doc =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    for (String id :
        List.of(
            "githubWebhookForConnection",
            "githubWebhook",
            "githubCreateConnection",
            "githubListConnections",
            "githubGetConfig",
            "githubPutConfig",
            "githubRotateWebhookSecret",
            "githubDeleteConnection",
            "githubListDeliveries",
            "githubRedeliver",
            "githubStatus",
            "githubTest",
            "githubSync",
            "githubSyncJob",
            "githubReEncryptSecrets",
            "githubUserStatus",
            "githubConnectorConfig",
            "githubConnectorTest",
            "githubConnectorSync",
            "githubDisconnect")) {
      assertThat(doc).contains("\"operationId\" : \"" + id + "\"");
    }
    List<String> webhookAnswers =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .jsonPath()
            .getMap("paths.'/api/integrations/github/webhook/{connectionId}'.post.responses")
            .keySet()
            .stream()
            .map(String::valueOf)
            .toList();
    assertThat(webhookAnswers).contains("200", "202", "400", "401", "413", "503");
  }
}
