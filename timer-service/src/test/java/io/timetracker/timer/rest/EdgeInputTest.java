package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static io.timetracker.timer.TimeEntryFixtures.entry;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inputs at the edges of their types — huge pages, the last days of the calendar, UTC offsets as
 * time zones — answer a precise 400 (or the right result), never 500.
 */
@QuarkusTest
class EdgeInputTest {
  @Inject Pool pool;

  @Test
  void aPageBeyondTheIntegerRangeIsA400NamingPage() {
    String token = TestTokens.user("edge-page");
    var response =
        given()
            .auth()
            .oauth2(token)
            .queryParam("page", Integer.MAX_VALUE)
            .queryParam("size", 500)
            .get("/api/v1/time-entries")
            .then();
    assertProblem(response, 400, "validation_failed").body("errors[0].field", equalTo("page"));
  }

  @Test
  void theLastDayOfTheCalendarIsAnsweredNotAnError() {
    String token = TestTokens.user("edge-dates");
    Fixtures.userId(token);
    for (String groupBy : new String[] {"project", "task", "day"}) {
      given()
          .auth()
          .oauth2(token)
          .queryParam("from", "9999-12-01")
          .queryParam("to", "9999-12-31")
          .queryParam("groupBy", groupBy)
          .get("/api/v1/reports/summary")
          .then()
          .statusCode(200)
          .body("totalSeconds", equalTo(0));
    }
    given()
        .auth()
        .oauth2(token)
        .queryParam("from", "9999-12-31")
        .queryParam("to", "9999-12-31")
        .get("/api/v1/time-entries/export.csv")
        .then()
        .statusCode(200);
  }

  @Test
  void datesAndInstantsOutsideTheYears1900To9999AreA400NamingTheParameter() {
    String token = TestTokens.user("edge-far-dates");
    assertProblem(
            get(
                token,
                "/api/v1/reports/summary",
                Map.of("from", "+999999999-12-31", "to", "+999999999-12-31")),
            400,
            "validation_failed")
        .body("errors[0].field", equalTo("from"));
    assertProblem(
            get(
                token,
                "/api/v1/time-entries/export.csv",
                Map.of("from", "2026-01-01", "to", "+10000-01-01")),
            400,
            "validation_failed")
        .body("errors[0].field", equalTo("to"));
    assertProblem(
            get(token, "/api/v1/time-entries", Map.of("to", "+1000000000-01-01T00:00:00Z")),
            400,
            "validation_failed")
        .body("errors[0].field", equalTo("to"));
  }

  @Test
  void utcOffsetsAreRefusedAsTimeZonesNamingTheField() {
    String token = TestTokens.user("edge-offset-zone");
    for (String zone : new String[] {"UTC+5", "+05:00", "GMT-3", "Z"}) {
      assertProblem(patchZone(token, zone), 400, "validation_failed")
          .body("errors[0].field", equalTo("timeZone"));
    }
    patchZone(token, "Etc/GMT-5").statusCode(200).body("timeZone", equalTo("Etc/GMT-5"));
  }

  @Test
  void aStoredOffsetZoneStillCutsReportDaysOnTheRightSide() {
    String token = TestTokens.user("edge-legacy-offset");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    // stored before offsets were refused: PostgreSQL would read it as five hours west of UTC
    pool.preparedQuery("UPDATE users SET time_zone = 'UTC+05:00' WHERE id = $1")
        .execute(Tuple.of(user))
        .await()
        .atMost(Duration.ofSeconds(30));
    // 20:00 UTC is 01:00 on the next day five hours east of UTC
    entry(
        token,
        project,
        Instant.parse("2026-03-05T20:00:00Z"),
        Instant.parse("2026-03-05T21:00:00Z"));

    given()
        .auth()
        .oauth2(token)
        .queryParam("from", "2026-03-05")
        .queryParam("to", "2026-03-06")
        .queryParam("groupBy", "day")
        .get("/api/v1/reports/summary")
        .then()
        .statusCode(200)
        .body("rows.size()", equalTo(1))
        .body("rows[0].key", equalTo("2026-03-06"));
  }

  private static ValidatableResponse patchZone(String token, String zone) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("timeZone", zone))
        .patch("/api/v1/me")
        .then();
  }

  private static ValidatableResponse get(String token, String path, Map<String, String> query) {
    return given().auth().oauth2(token).queryParams(query).get(path).then();
  }
}
