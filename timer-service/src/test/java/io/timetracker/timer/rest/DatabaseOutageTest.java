package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.contracts.api.Problem;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL stopped the API answers 503 {@code dependency_unavailable} with {@code
 * Retry-After} (never 500), readiness fails, and once the database is back the same application
 * serves again without a restart.
 *
 * <p>It runs in an application instance of its own: it stops and restarts the embedded server all
 * tests share, and the test class after it (IdempotencyRaceTest) then saw its requests stall in the
 * app before reaching the database, twice in a row in one run (the same restart with the local
 * stack's PostgreSQL and `./tt stop postgres` left no such stall: 40 concurrent requests and two
 * racing starts were served). Own instance, so whatever the embedded restart leaves behind cannot
 * reach another test.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnApplication.class)
class DatabaseOutageTest {

  /** No overrides: a profile of its own only gives this class its own application start. */
  public static class OwnApplication implements QuarkusTestProfile {}

  @Test
  void answers503WithRetryAfterWhileTheDatabaseIsDownAndRecoversWithoutARestart() {
    String token = TestTokens.user("outage-db-user");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);

    EmbeddedPostgresResource.stopServer();
    try {
      assertUnavailable(given().auth().oauth2(token).get("/api/v1/timer"));
      assertUnavailable(
          given()
              .auth()
              .oauth2(token)
              .contentType(ContentType.JSON)
              .body(Map.of("projectId", project))
              .post("/api/v1/timer/start"));
      assertUnavailable(given().auth().oauth2(token).get("/api/v1/time-entries"));
      assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(503);
    } finally {
      EmbeddedPostgresResource.startServer();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().auth().oauth2(token).get("/api/v1/timer").statusCode() == 200);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(201);
    given().auth().oauth2(token).post("/api/v1/timer/stop").then().statusCode(200);
    assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(200);
  }

  private static void assertUnavailable(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
    assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
    assertThat(response.jsonPath().getString("code")).isEqualTo("dependency_unavailable");
    assertThat(response.header("Retry-After")).isEqualTo("5");
  }
}
