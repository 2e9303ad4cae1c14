package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The timer state is read in one statement (user, running entry, project) for the signed-in user
 * and for a connector acting for a user: it answers what the start answered, and the user's row is
 * read on every request, so a deactivated user or changed claims take effect at once.
 */
@QuarkusTest
class TimerStatusReadTest {
  private static final String SLACK = TestTokens.service("connector-slack");

  @Inject TestDb db;

  @Test
  void theStateCarriesTheRunningEntryAsStartedAndItsProjectsName() {
    String token = TestTokens.user("status-read-" + System.nanoTime());
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    String projectName = db.string("SELECT name FROM projects WHERE id = ?", project);

    JsonPath started =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("projectId", project, "notes", "reading", "tags", List.of("a", "b")))
            .post("/api/v1/timer/start")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    for (JsonPath state :
        List.of(
            given()
                .auth()
                .oauth2(token)
                .get("/api/v1/timer")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(),
            given()
                .auth()
                .oauth2(SLACK)
                .get(service(user))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath())) {
      assertThat(state.getBoolean("running")).isTrue();
      assertThat(state.getString("projectName")).isEqualTo(projectName);
      assertThat(state.getLong("elapsedSeconds")).isNotNegative();
      assertThat(state.<String, Object>getMap("entry")).isEqualTo(started.getMap(""));
    }

    given().auth().oauth2(token).post("/api/v1/timer/stop").then().statusCode(200);

    for (JsonPath state :
        List.of(
            given()
                .auth()
                .oauth2(token)
                .get("/api/v1/timer")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(),
            given()
                .auth()
                .oauth2(SLACK)
                .get(service(user))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath())) {
      assertThat(state.getBoolean("running")).isFalse();
      assertThat(state.<Object>get("entry")).isNull();
      assertThat(state.<Object>get("projectName")).isNull();
    }
  }

  @Test
  void anUnknownUserIsNotFoundForAConnector() {
    assertProblem(
        given().auth().oauth2(SLACK).get(service(Long.MAX_VALUE - 7)).then(),
        404,
        "user_not_found");
  }

  @Test
  void aUserDeactivatedWhileTheirTimerRunsIsRefusedOnTheNextRead() {
    String token = TestTokens.user("status-leaving-" + System.nanoTime());
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(201);
    given().auth().oauth2(SLACK).get(service(user)).then().statusCode(200);
    given().auth().oauth2(token).get("/api/v1/timer").then().statusCode(200);

    Fixtures.deactivate(user);

    assertProblem(given().auth().oauth2(SLACK).get(service(user)).then(), 403, "user_inactive");
    assertProblem(given().auth().oauth2(token).get("/api/v1/timer").then(), 403, "user_inactive");
  }

  @Test
  void changedClaimsAreStoredByTheStateRequestAndAFirstRequestSignsIn() {
    String name = "status-claims-" + System.nanoTime();

    // the first request of this subject: no row yet, signs in and answers the (empty) state
    given()
        .auth()
        .oauth2(withClaims(name, "old@example.org", "Old Name"))
        .get("/api/v1/timer")
        .then()
        .statusCode(200)
        .body("running", org.hamcrest.Matchers.equalTo(false));
    assertThat(db.string("SELECT email FROM users WHERE subject = ?", "sub-" + name))
        .isEqualTo("old@example.org");

    given()
        .auth()
        .oauth2(withClaims(name, "new@example.org", "New Name"))
        .get("/api/v1/timer")
        .then()
        .statusCode(200);

    assertThat(
            db.string(
                "SELECT email || '/' || full_name FROM users WHERE subject = ?", "sub-" + name))
        .isEqualTo("new@example.org/New Name");
  }

  private static String service(long user) {
    return "/api/v1/service/users/" + user + "/timer";
  }

  private static String withClaims(String name, String email, String fullName) {
    return OidcWiremockTestResource.generateJwtToken(
        name,
        Set.of("user"),
        "sub-" + name,
        "Bearer",
        Set.of(TestTokens.AUDIENCE),
        Map.of("azp", "tt-cli", "email", email, "name", fullName));
  }
}
