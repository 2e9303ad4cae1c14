package io.timetracker.connector.github.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * connector-github answers errors with the suite's one problem document (connector-kit's mapper on
 * contracts' {@code Problem}), the same the core answers: timer-service's {@code
 * BadInputTest.malformedJsonAnswersTheSuitesSharedProblemDocument} expects exactly this map for the
 * same malformed body and trace.
 */
@QuarkusTest
class ProblemShapeTest extends ConnectorTestBase {

  private static final Class<?> RESOURCES = GithubTestResources.class;

  @Test
  void malformedJsonAnswersTheSuitesSharedProblemDocument() {
    String traceId = "0af7651916cd43dd8448eb211c80319c";

    Map<String, Object> body =
        given()
            .auth()
            .oauth2(TestTokens.user("alice"))
            .contentType(ContentType.JSON)
            .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
            .body("{\"projectId\":")
            .post("/api/integrations/github/connections")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .as(Map.class);

    assertThat(body)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "type", "/problems/malformed_json",
                "title", "Malformed JSON",
                "status", 400,
                "detail", "The body is not valid JSON.",
                "code", "malformed_json",
                "traceId", traceId));
  }

  @Test
  void anUnknownPathIsANotFoundProblemOfTheSameShape() {
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .get("/api/integrations/github/nothing-here")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.equalTo("/problems/not_found"))
        .body("code", org.hamcrest.Matchers.equalTo("not_found"));
  }
}
