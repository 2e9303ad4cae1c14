package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.TimeEntryFixtures.entry;
import static io.timetracker.timer.TimeEntryFixtures.local;
import static io.timetracker.timer.TimeEntryFixtures.offset;
import static io.timetracker.timer.TimeEntryFixtures.userInZone;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.MutableClock;
import io.timetracker.timer.TestTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Today" is the caller's local calendar day (spec A.9, fixing K.2 22): entries count by the
 * instant they started, cut at the user's own midnights, DST included; running timers never count.
 */
@QuarkusTest
class TodaySummaryTest {
  private static final String AUCKLAND = "Pacific/Auckland";
  private static final String LOS_ANGELES = "America/Los_Angeles";

  private final MutableClock clock = new MutableClock(Instant.now());

  @BeforeEach
  void pinClock() {
    // removed again by Quarkus after each test
    QuarkusMock.installMockForType(clock, Clock.class);
  }

  @Test
  void countsEntriesStartedBetweenTheLocalMidnightsOfTodayInAuckland() {
    String token = TestTokens.user("today-auckland");
    long user = userInZone(token, AUCKLAND);
    long web = Fixtures.projectWithMembers(user);
    long ops = Fixtures.projectWithMembers(user);
    // yesterday, and an entry that started yesterday and ends today: both belong to yesterday
    entry(token, web, local(AUCKLAND, "2026-06-14T23:30"), local(AUCKLAND, "2026-06-14T23:59"));
    entry(token, web, local(AUCKLAND, "2026-06-14T23:50"), local(AUCKLAND, "2026-06-15T00:10"));
    // today
    entry(token, web, local(AUCKLAND, "2026-06-15T00:00"), local(AUCKLAND, "2026-06-15T00:30"));
    entry(token, ops, local(AUCKLAND, "2026-06-15T22:00"), local(AUCKLAND, "2026-06-15T23:30"));
    // tomorrow
    entry(token, ops, local(AUCKLAND, "2026-06-16T00:00"), local(AUCKLAND, "2026-06-16T00:15"));
    clock.set(local(AUCKLAND, "2026-06-15T23:45"));

    JsonPath today = today(token);

    assertThat(today.getString("date")).isEqualTo("2026-06-15");
    assertThat(today.getString("timeZone")).isEqualTo(AUCKLAND);
    assertThat(today.getLong("seconds")).isEqualTo(1800 + 5400);
    assertThat(today.getDouble("hours")).isEqualTo(2.0);
    assertThat(today.getInt("projects")).isEqualTo(2);
    assertThat(today.getInt("entries")).isEqualTo(2);
  }

  @Test
  void countsTheLocalDayEvenWhenUtcIsAlreadyTomorrowInLosAngeles() {
    String token = TestTokens.user("today-los-angeles");
    long user = userInZone(token, LOS_ANGELES);
    long web = Fixtures.projectWithMembers(user);
    entry(
        token, web, local(LOS_ANGELES, "2026-06-14T23:30"), local(LOS_ANGELES, "2026-06-14T23:59"));
    entry(
        token, web, local(LOS_ANGELES, "2026-06-15T00:00"), local(LOS_ANGELES, "2026-06-15T00:30"));
    // 18:00 PDT is 01:00 UTC on the 16th: a UTC day would miss it
    entry(
        token, web, local(LOS_ANGELES, "2026-06-15T18:00"), local(LOS_ANGELES, "2026-06-15T19:00"));
    entry(
        token, web, local(LOS_ANGELES, "2026-06-15T23:00"), local(LOS_ANGELES, "2026-06-15T23:40"));
    entry(
        token, web, local(LOS_ANGELES, "2026-06-16T00:00"), local(LOS_ANGELES, "2026-06-16T00:20"));
    clock.set(local(LOS_ANGELES, "2026-06-15T23:45"));

    JsonPath today = today(token);

    assertThat(today.getString("date")).isEqualTo("2026-06-15");
    assertThat(today.getLong("seconds")).isEqualTo(1800 + 3600 + 2400);
    assertThat(today.getDouble("hours")).isEqualTo(2.17);
    assertThat(today.getInt("projects")).isEqualTo(1);
    assertThat(today.getInt("entries")).isEqualTo(3);
  }

  @Test
  void countsTheTwentyThreeHourSpringForwardDayInLosAngeles() {
    String token = TestTokens.user("today-la-spring");
    long user = userInZone(token, LOS_ANGELES);
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, offset("2026-03-07T23:30-08:00"), offset("2026-03-07T23:59-08:00"));
    entry(token, web, offset("2026-03-08T00:00-08:00"), offset("2026-03-08T00:30-08:00"));
    // 01:30 PST to 03:30 PDT is one real hour, not two
    entry(token, web, offset("2026-03-08T01:30-08:00"), offset("2026-03-08T03:30-07:00"));
    entry(token, web, offset("2026-03-08T23:00-07:00"), offset("2026-03-08T23:20-07:00"));
    entry(token, web, offset("2026-03-09T00:00-07:00"), offset("2026-03-09T00:10-07:00"));
    clock.set(offset("2026-03-08T23:30-07:00"));

    JsonPath today = today(token);

    assertThat(today.getString("date")).isEqualTo("2026-03-08");
    assertThat(today.getLong("seconds")).isEqualTo(1800 + 3600 + 1200);
    assertThat(today.getDouble("hours")).isEqualTo(1.83);
    assertThat(today.getInt("entries")).isEqualTo(3);
  }

  @Test
  void countsTheTwentyFiveHourFallBackDayInAuckland() {
    String token = TestTokens.user("today-auckland-autumn");
    long user = userInZone(token, AUCKLAND);
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, offset("2026-04-04T23:30+13:00"), offset("2026-04-04T23:59+13:00"));
    entry(token, web, offset("2026-04-05T00:00+13:00"), offset("2026-04-05T00:30+13:00"));
    // 02:15 happens twice: first in NZDT, an hour later in NZST
    entry(token, web, offset("2026-04-05T02:15+13:00"), offset("2026-04-05T02:15+12:00"));
    entry(token, web, offset("2026-04-05T23:00+12:00"), offset("2026-04-05T23:20+12:00"));
    entry(token, web, offset("2026-04-06T00:00+12:00"), offset("2026-04-06T00:10+12:00"));
    clock.set(offset("2026-04-05T23:30+12:00"));

    JsonPath today = today(token);

    assertThat(today.getString("date")).isEqualTo("2026-04-05");
    assertThat(today.getLong("seconds")).isEqualTo(1800 + 3600 + 1200);
    assertThat(today.getInt("entries")).isEqualTo(3);
  }

  @Test
  void leavesTheRunningTimerOut() {
    String token = TestTokens.user("today-running");
    long user = userInZone(token, AUCKLAND);
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, local(AUCKLAND, "2026-06-15T09:00"), local(AUCKLAND, "2026-06-15T10:00"));
    clock.set(local(AUCKLAND, "2026-06-15T11:00"));
    startTimer(token, web);
    clock.set(local(AUCKLAND, "2026-06-15T15:00"));

    JsonPath today = today(token);

    assertThat(today.getLong("seconds")).isEqualTo(3600);
    assertThat(today.getInt("entries")).isEqualTo(1);
  }

  @Test
  void countsAStoppedTimerOnTheLocalDayItStarted() {
    String token = TestTokens.user("today-stopped-after-midnight");
    long user = userInZone(token, AUCKLAND);
    long web = Fixtures.projectWithMembers(user);
    clock.set(local(AUCKLAND, "2026-06-15T23:50"));
    startTimer(token, web);
    clock.set(local(AUCKLAND, "2026-06-16T00:20"));
    given().auth().oauth2(token).post("/api/v1/timer/stop").then().statusCode(200);

    JsonPath tomorrow = today(token);
    clock.set(local(AUCKLAND, "2026-06-15T23:59"));
    JsonPath yesterday = today(token);

    assertThat(tomorrow.getString("date")).isEqualTo("2026-06-16");
    assertThat(tomorrow.getInt("entries")).isZero();
    assertThat(yesterday.getLong("seconds")).isEqualTo(1800);
    assertThat(yesterday.getInt("entries")).isEqualTo(1);
  }

  @Test
  void ignoresOtherUsersEntries() {
    String mine = TestTokens.user("today-owner");
    String theirs = TestTokens.user("today-colleague");
    long me = userInZone(mine, AUCKLAND);
    long them = userInZone(theirs, AUCKLAND);
    long shared = Fixtures.projectWithMembers(me, them);
    entry(mine, shared, local(AUCKLAND, "2026-06-15T09:00"), local(AUCKLAND, "2026-06-15T09:30"));
    entry(theirs, shared, local(AUCKLAND, "2026-06-15T09:00"), local(AUCKLAND, "2026-06-15T12:00"));
    clock.set(local(AUCKLAND, "2026-06-15T13:00"));

    JsonPath today = today(mine);

    assertThat(today.getLong("seconds")).isEqualTo(1800);
    assertThat(today.getInt("entries")).isEqualTo(1);
  }

  @Test
  void matchesTheOriginalsPinnedExampleForAUtcUser() {
    // tests/test_services/test_notification_service.py: 10:00-11:00 UTC, now 12:00 UTC
    String token = TestTokens.user("today-utc");
    long user = userInZone(token, "UTC");
    long web = Fixtures.projectWithMembers(user);
    entry(token, web, Instant.parse("2026-05-04T10:00:00Z"), Instant.parse("2026-05-04T11:00:00Z"));
    clock.set(Instant.parse("2026-05-04T12:00:00Z"));

    JsonPath today = today(token);

    assertThat(today.getDouble("hours")).isEqualTo(1.0);
    assertThat(today.getInt("projects")).isEqualTo(1);
  }

  @Test
  void givesAConnectorTheSameTodayAsTheUserSees() {
    String token = TestTokens.user("today-via-connector");
    long user = userInZone(token, LOS_ANGELES);
    long web = Fixtures.projectWithMembers(user);
    entry(
        token, web, local(LOS_ANGELES, "2026-06-15T00:00"), local(LOS_ANGELES, "2026-06-15T00:45"));
    clock.set(local(LOS_ANGELES, "2026-06-15T20:00"));

    Map<String, Object> forUser = today(token).getMap("");
    Map<String, Object> forConnector =
        given()
            .auth()
            .oauth2(TestTokens.service("connector-slack"))
            .get("/api/v1/service/users/" + user + "/summary/today")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("");

    assertThat(forConnector).isEqualTo(forUser);
    assertThat(forUser).containsEntry("seconds", 2700).containsEntry("date", "2026-06-15");
  }

  private static JsonPath today(String token) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/reports/today")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void startTimer(String token, long projectId) {
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", projectId))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(201);
  }
}
