package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.TimeEntryFixtures.entry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.contracts.api.Problem;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 204 answer has no body, so it must not depend on the {@code Accept} header: generated clients
 * (openapi-generator) accept only the error answers' {@code application/problem+json} there.
 */
@QuarkusTest
class NoContentAnswersTest {
  private static final String ADMIN = TestTokens.admin("no-content-admin");

  @Test
  void deletingAnEntryAnswers204ToAClientAcceptingOnlyProblemJson() {
    String token = TestTokens.user("no-content-user");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    long id =
        entry(
            token,
            project,
            Instant.parse("2026-06-15T08:00:00Z"),
            Instant.parse("2026-06-15T09:00:00Z"));

    given()
        .auth()
        .oauth2(token)
        .accept(Problem.MEDIA_TYPE)
        .delete("/api/v1/time-entries/" + id)
        .then()
        .statusCode(204);
  }

  @Test
  void memberChangesAnswer204ToAClientAcceptingOnlyProblemJson() {
    long user = Fixtures.userId(TestTokens.user("no-content-member"));
    long project = Fixtures.projectWithMembers();

    given()
        .auth()
        .oauth2(ADMIN)
        .accept(Problem.MEDIA_TYPE)
        .contentType(ContentType.JSON)
        .body(Map.of("userId", user))
        .post("/api/v1/projects/" + project + "/members")
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(ADMIN)
        .accept(Problem.MEDIA_TYPE)
        .delete("/api/v1/projects/" + project + "/members/" + user)
        .then()
        .statusCode(204);
  }

  @Test
  void errorsOfSuchAnOperationAreStillProblemDocuments() {
    given()
        .auth()
        .oauth2(TestTokens.user("no-content-missing"))
        .accept(Problem.MEDIA_TYPE)
        .delete("/api/v1/time-entries/999999999")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE);
  }
}
