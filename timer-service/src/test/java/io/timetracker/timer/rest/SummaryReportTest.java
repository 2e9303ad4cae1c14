package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.TimeEntryFixtures.entry;
import static io.timetracker.timer.TimeEntryFixtures.local;
import static io.timetracker.timer.TimeEntryFixtures.offset;
import static io.timetracker.timer.TimeEntryFixtures.userInZone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The summary report counts completed entries into the caller's local days between two local dates
 * (inclusive), grouped by day, project or task.
 */
@QuarkusTest
class SummaryReportTest {
  private static final String AUCKLAND = "Pacific/Auckland";
  private static final String LOS_ANGELES = "America/Los_Angeles";

  @Test
  void groupsByTheCallersLocalDaysInAuckland() {
    String token = TestTokens.user("summary-auckland-days");
    long user = userInZone(token, AUCKLAND);
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, local(AUCKLAND, "2026-06-13T23:59"), local(AUCKLAND, "2026-06-14T00:30"));
    entry(token, web, local(AUCKLAND, "2026-06-14T23:30"), local(AUCKLAND, "2026-06-14T23:59"));
    entry(token, web, local(AUCKLAND, "2026-06-15T00:00"), local(AUCKLAND, "2026-06-15T00:30"));
    entry(token, web, local(AUCKLAND, "2026-06-15T22:00"), local(AUCKLAND, "2026-06-15T23:30"));
    entry(token, web, local(AUCKLAND, "2026-06-16T00:00"), local(AUCKLAND, "2026-06-16T00:15"));
    entry(token, web, local(AUCKLAND, "2026-06-17T00:00"), local(AUCKLAND, "2026-06-17T01:00"));

    JsonPath report = summary(token, "2026-06-14", "2026-06-16", "day");

    assertThat(report.getString("from")).isEqualTo("2026-06-14");
    assertThat(report.getString("to")).isEqualTo("2026-06-16");
    assertThat(report.getString("timeZone")).isEqualTo(AUCKLAND);
    assertThat(report.getString("groupBy")).isEqualTo("day");
    assertThat(rows(report))
        .containsExactly(
            tuple("2026-06-14", "2026-06-14", 1740L, 0.48, 1),
            tuple("2026-06-15", "2026-06-15", 7200L, 2.0, 2),
            tuple("2026-06-16", "2026-06-16", 900L, 0.25, 1));
    assertThat(report.getLong("totalSeconds")).isEqualTo(9840);
    assertThat(report.getDouble("totalHours")).isEqualTo(2.73);
  }

  @Test
  void groupsByLocalDayAcrossTheSpringForwardInLosAngeles() {
    String token = TestTokens.user("summary-la-spring");
    long user = userInZone(token, LOS_ANGELES);
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, offset("2026-03-06T23:59-08:00"), offset("2026-03-07T00:10-08:00"));
    entry(token, web, offset("2026-03-07T23:30-08:00"), offset("2026-03-07T23:59-08:00"));
    entry(token, web, offset("2026-03-08T00:00-08:00"), offset("2026-03-08T00:30-08:00"));
    entry(token, web, offset("2026-03-08T01:30-08:00"), offset("2026-03-08T03:30-07:00"));
    entry(token, web, offset("2026-03-08T23:00-07:00"), offset("2026-03-08T23:20-07:00"));
    entry(token, web, offset("2026-03-09T00:00-07:00"), offset("2026-03-09T00:10-07:00"));
    entry(token, web, offset("2026-03-10T00:00-07:00"), offset("2026-03-10T01:00-07:00"));

    JsonPath report = summary(token, "2026-03-07", "2026-03-09", "day");

    assertThat(rows(report))
        .containsExactly(
            tuple("2026-03-07", "2026-03-07", 1740L, 0.48, 1),
            tuple("2026-03-08", "2026-03-08", 6600L, 1.83, 3),
            tuple("2026-03-09", "2026-03-09", 600L, 0.17, 1));
    assertThat(report.getLong("totalSeconds")).isEqualTo(8940);
  }

  @Test
  void groupsByLocalDayAcrossTheFallBackInAuckland() {
    String token = TestTokens.user("summary-auckland-autumn");
    long user = userInZone(token, AUCKLAND);
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, offset("2026-04-04T23:30+13:00"), offset("2026-04-04T23:59+13:00"));
    entry(token, web, offset("2026-04-05T00:00+13:00"), offset("2026-04-05T00:30+13:00"));
    entry(token, web, offset("2026-04-05T02:15+13:00"), offset("2026-04-05T02:15+12:00"));
    entry(token, web, offset("2026-04-05T23:50+12:00"), offset("2026-04-06T00:20+12:00"));
    entry(token, web, offset("2026-04-06T00:00+12:00"), offset("2026-04-06T00:10+12:00"));

    JsonPath report = summary(token, "2026-04-05", "2026-04-06", "day");

    assertThat(rows(report))
        .containsExactly(
            tuple("2026-04-05", "2026-04-05", 1800L + 3600 + 1800, 2.0, 3),
            tuple("2026-04-06", "2026-04-06", 600L, 0.17, 1));
  }

  @Test
  void groupsByProjectInNameOrderLeavingOutRunningTimersAndOtherUsers() {
    String token = TestTokens.user("summary-projects");
    String colleague = TestTokens.user("summary-projects-colleague");
    long user = userInZone(token, LOS_ANGELES);
    long other = userInZone(colleague, LOS_ANGELES);
    long first = Fixtures.projectWithMembers(user, other);
    long second = Fixtures.projectWithMembers(user);
    entry(
        token,
        first,
        local(LOS_ANGELES, "2026-05-04T09:00"),
        local(LOS_ANGELES, "2026-05-04T10:00"));
    entry(
        token,
        first,
        local(LOS_ANGELES, "2026-05-05T09:00"),
        local(LOS_ANGELES, "2026-05-05T09:30"));
    entry(
        token,
        second,
        local(LOS_ANGELES, "2026-05-05T13:00"),
        local(LOS_ANGELES, "2026-05-05T13:45"));
    entry(
        colleague,
        first,
        local(LOS_ANGELES, "2026-05-05T09:00"),
        local(LOS_ANGELES, "2026-05-05T17:00"));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", second))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(201);
    String firstName = projectName(token, first);
    String secondName = projectName(token, second);

    JsonPath report = summary(token, "2026-05-01", "2026-05-31", "project");

    List<org.assertj.core.groups.Tuple> expected =
        new java.util.ArrayList<>(
            List.of(
                tuple(String.valueOf(first), firstName, 5400L, 1.5, 2),
                tuple(String.valueOf(second), secondName, 2700L, 0.75, 1)));
    expected.sort(java.util.Comparator.comparing(t -> (String) t.toList().get(1)));
    assertThat(rows(report)).containsExactlyElementsOf(expected);
    assertThat(report.getLong("totalSeconds")).isEqualTo(8100);
  }

  @Test
  void projectIsTheDefaultGrouping() {
    String token = TestTokens.user("summary-default-grouping");
    long user = userInZone(token, "UTC");
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, local("UTC", "2026-05-04T09:00"), local("UTC", "2026-05-04T10:00"));

    JsonPath report =
        given()
            .auth()
            .oauth2(token)
            .queryParam("from", "2026-05-04")
            .queryParam("to", "2026-05-04")
            .get("/api/v1/reports/summary")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(report.getString("groupBy")).isEqualTo("project");
    assertThat(report.getList("rows.key", String.class)).containsExactly(String.valueOf(web));
  }

  @Test
  void groupsByTaskWithEntriesWithoutATaskInTheirOwnRow() {
    String token = TestTokens.user("summary-tasks");
    long user = userInZone(token, AUCKLAND);
    long web = Fixtures.projectWithMembers(user);
    long design = task(token, web, "Design");
    long build = task(token, web, "Build");
    entry(
        token,
        web,
        design,
        local(AUCKLAND, "2026-06-15T09:00"),
        local(AUCKLAND, "2026-06-15T10:00"),
        null);
    entry(
        token,
        web,
        build,
        local(AUCKLAND, "2026-06-15T10:00"),
        local(AUCKLAND, "2026-06-15T10:15"),
        null);
    entry(
        token,
        web,
        build,
        local(AUCKLAND, "2026-06-16T10:00"),
        local(AUCKLAND, "2026-06-16T10:15"),
        null);
    entry(
        token,
        web,
        null,
        local(AUCKLAND, "2026-06-15T11:00"),
        local(AUCKLAND, "2026-06-15T11:06"),
        null);

    JsonPath report = summary(token, "2026-06-15", "2026-06-16", "task");

    assertThat(rows(report))
        .containsExactly(
            tuple(String.valueOf(build), "Build", 1800L, 0.5, 2),
            tuple(String.valueOf(design), "Design", 3600L, 1.0, 1),
            tuple("none", "(no task)", 360L, 0.1, 1));
  }

  @Test
  void answersAnEmptyReportForARangeWithoutWork() {
    String token = TestTokens.user("summary-empty");
    userInZone(token, AUCKLAND);

    JsonPath report = summary(token, "2026-01-01", "2026-01-31", "day");

    assertThat(report.getList("rows")).isEmpty();
    assertThat(report.getLong("totalSeconds")).isZero();
    assertThat(report.getDouble("totalHours")).isZero();
  }

  @Test
  void refusesAToDateBeforeTheFromDateNamingTo() {
    refused(Map.of("from", "2026-06-15", "to", "2026-06-14"), "to");
  }

  @Test
  void refusesAnUnknownGrouping() {
    refused(Map.of("from", "2026-06-14", "to", "2026-06-15", "groupBy", "week"), "groupBy");
  }

  @Test
  void refusesAMissingFromDate() {
    refused(Map.of("to", "2026-06-15"), "from");
  }

  @Test
  void refusesAMissingToDate() {
    refused(Map.of("from", "2026-06-15"), "to");
  }

  @Test
  void refusesAMalformedDateNamingTheParameter() {
    refused(Map.of("from", "2026-02-30", "to", "2026-06-15"), "from");
  }

  @Test
  void refusesARangeLongerThanAYear() {
    refused(Map.of("from", "2025-01-01", "to", "2026-06-15"), "to");
  }

  @Test
  void refusesAnAnonymousCaller() {
    given()
        .queryParam("from", "2026-06-14")
        .queryParam("to", "2026-06-15")
        .get("/api/v1/reports/summary")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("unauthorized"));
  }

  @Test
  void refusesAServiceToken() {
    given()
        .auth()
        .oauth2(TestTokens.service("connector-slack"))
        .queryParam("from", "2026-06-14")
        .queryParam("to", "2026-06-15")
        .get("/api/v1/reports/summary")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("code", equalTo("forbidden"));
  }

  private static void refused(Map<String, String> query, String field) {
    given()
        .auth()
        .oauth2(TestTokens.user("summary-validation"))
        .queryParams(query)
        .get("/api/v1/reports/summary")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"))
        .body("errors.size()", equalTo(1))
        .body("errors[0].field", equalTo(field));
  }

  private static JsonPath summary(String token, String from, String to, String groupBy) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("from", from)
        .queryParam("to", to)
        .queryParam("groupBy", groupBy)
        .get("/api/v1/reports/summary")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
  }

  private static List<org.assertj.core.groups.Tuple> rows(JsonPath report) {
    List<Map<String, Object>> rows = report.getList("rows");
    return rows.stream()
        .map(
            r ->
                tuple(
                    r.get("key"),
                    r.get("label"),
                    ((Number) r.get("seconds")).longValue(),
                    ((Number) r.get("hours")).doubleValue(),
                    r.get("entries")))
        .toList();
  }

  private static String projectName(String token, long id) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("name");
  }

  private static long task(String token, long projectId, String name) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", projectId, "name", name))
        .post("/api/v1/tasks")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }
}
