package io.timetracker.connector.github.rest;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.TestTokens;
import io.timetracker.contracts.api.Problem;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A 204 answer has no body, so it must not depend on the {@code Accept} header: generated clients
 * (openapi-generator) accept only the error answers' {@code application/problem+json} there.
 */
@QuarkusTest
class NoContentAnswersTest extends ConnectorTestBase {
  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final String BASE = "/api/integrations/github/connections";

  @Test
  void deletingAConnectionAnswers204ToAClientAcceptingOnlyProblemJson() {
    String token = TestTokens.user("alice");
    String id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("repository", "acme/no-content-" + UUID.randomUUID()))
            .post(BASE)
            .then()
            .statusCode(201)
            .extract()
            .path("connection.id");

    given()
        .auth()
        .oauth2(token)
        .accept(Problem.MEDIA_TYPE)
        .delete(BASE + "/" + id)
        .then()
        .statusCode(204);
  }

  @Test
  void errorsOfSuchAnOperationAreStillProblemDocuments() {
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .accept(Problem.MEDIA_TYPE)
        .delete(BASE + "/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE);
  }
}
