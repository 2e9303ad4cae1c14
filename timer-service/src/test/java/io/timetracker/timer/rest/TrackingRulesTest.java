package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which project and task time may be tracked on (spec A.8), Idempotency-Key on creates, and the
 * owner's rounding on stop.
 */
@QuarkusTest
class TrackingRulesTest {
  @Inject TestDb db;

  @Test
  void archivedProjectRefusesATimer() {
    Member m = member("rules-archived-timer");
    Fixtures.setProjectStatus(m.project, "archived");

    assertProblem(start(m, Map.of("projectId", m.project)), 409, "project_archived");
    assertThat(db.entriesOf(m.id)).isZero();
  }

  @Test
  void archivedProjectRefusesAManualEntry() {
    Member m = member("rules-archived-entry");
    Fixtures.setProjectStatus(m.project, "archived");

    assertProblem(
        as(m).body(entry(m.project, 1800)).post("/api/v1/time-entries").then(),
        409,
        "project_archived");
    assertThat(db.entriesOf(m.id)).isZero();
  }

  @Test
  void inactiveProjectRefusesATimer() {
    Member m = member("rules-inactive-timer");
    Fixtures.setProjectStatus(m.project, "inactive");

    assertProblem(start(m, Map.of("projectId", m.project)), 409, "project_inactive");
    assertThat(db.entriesOf(m.id)).isZero();
  }

  @Test
  void inactiveProjectRefusesAManualEntry() {
    Member m = member("rules-inactive-entry");
    Fixtures.setProjectStatus(m.project, "inactive");

    assertProblem(
        as(m).body(entry(m.project, 1800)).post("/api/v1/time-entries").then(),
        409,
        "project_inactive");
    assertThat(db.entriesOf(m.id)).isZero();
  }

  @Test
  void taskOfAnotherProjectIsRefused() {
    Member m = member("rules-task");
    long otherProject = Fixtures.projectWithMembers(m.id);
    long foreignTask =
        as(m)
            .body(Map.of("projectId", otherProject, "name", "Elsewhere"))
            .post("/api/v1/tasks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    assertProblem(
            start(m, Map.of("projectId", m.project, "taskId", foreignTask)), 422, "invalid_task")
        .body("errors.field", hasItem("taskId"));
    assertThat(db.entriesOf(m.id)).isZero();
  }

  @Test
  void nonexistentProjectIsRefusedNamingProjectId() {
    Member m = member("rules-missing-project");

    assertProblem(start(m, Map.of("projectId", 987654321L)), 400, "validation_failed")
        .body("errors.field", hasItem("projectId"));
    assertThat(db.entriesOf(m.id)).isZero();
  }

  @Test
  void sameIdempotencyKeyAndBodyCreateOneEntry() {
    Member m = member("rules-idem-same");
    Map<String, Object> body = entry(m.project, 1800);

    long first = createWithKey(m, "key-1", body).statusCode(201).extract().jsonPath().getLong("id");
    long second =
        createWithKey(m, "key-1", body).statusCode(201).extract().jsonPath().getLong("id");

    assertThat(second).isEqualTo(first);
    assertThat(db.entriesOf(m.id)).isEqualTo(1);
  }

  @Test
  void sameIdempotencyKeyWithAnotherBodyIsRefused() {
    Member m = member("rules-idem-other");
    Map<String, Object> body = entry(m.project, 1800);
    createWithKey(m, "key-2", body).statusCode(201);
    body.put("notes", "something else");

    assertProblem(createWithKey(m, "key-2", body), 422, "idempotency_key_reused");
    assertThat(db.entriesOf(m.id)).isEqualTo(1);
  }

  @Test
  void idempotencyKeyBelongsToOneUser() {
    Member a = member("rules-idem-a");
    Member b = member("rules-idem-b");

    long ofA =
        createWithKey(a, "shared-key", entry(a.project, 600))
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long ofB =
        createWithKey(b, "shared-key", entry(b.project, 600))
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    assertThat(ofB).isNotEqualTo(ofA);
    assertThat(db.entriesOf(b.id)).isEqualTo(1);
  }

  @Test
  void manualEntryIsRoundedWithTheOwnersRule() {
    Member m = member("rules-round-entry");
    roundUpToQuarterHours(m);

    as(m)
        .body(entry(m.project, 7 * 60))
        .post("/api/v1/time-entries")
        .then()
        .statusCode(201)
        .body("durationSeconds", equalTo(900));
    as(m)
        .body(entry(m.project, 16 * 60))
        .post("/api/v1/time-entries")
        .then()
        .statusCode(201)
        .body("durationSeconds", equalTo(1800));
  }

  @Test
  void stopRoundsTheTimerWithTheOwnersRule() {
    Member m = member("rules-round-stop");
    roundUpToQuarterHours(m);
    long running =
        start(m, Map.of("projectId", m.project)).statusCode(201).extract().jsonPath().getLong("id");
    // the timer has run for seven minutes
    as(m)
        .body(Map.of("start", Instant.now().minusSeconds(7 * 60).toString()))
        .patch("/api/v1/time-entries/" + running)
        .then()
        .statusCode(200)
        .body("running", equalTo(true));

    int duration =
        as(m)
            .post("/api/v1/timer/stop")
            .then()
            .statusCode(200)
            .body("running", equalTo(false))
            .extract()
            .path("durationSeconds");

    assertThat(duration).isEqualTo(900);
  }

  private record Member(String token, long id, long project) {}

  private static Member member(String name) {
    String token = TestTokens.user(name);
    long id = Fixtures.userId(token);
    return new Member(token, id, Fixtures.projectWithMembers(id));
  }

  private static RequestSpecification as(Member m) {
    return given().auth().oauth2(m.token).contentType(ContentType.JSON);
  }

  private static io.restassured.response.ValidatableResponse start(
      Member m, Map<String, Object> body) {
    return as(m).body(body).post("/api/v1/timer/start").then();
  }

  private static io.restassured.response.ValidatableResponse createWithKey(
      Member m, String key, Map<String, Object> body) {
    return as(m).header("Idempotency-Key", key).body(body).post("/api/v1/time-entries").then();
  }

  private static void roundUpToQuarterHours(Member m) {
    as(m)
        .body(Map.of("roundingMinutes", 15, "roundingMethod", "up"))
        .patch("/api/v1/me")
        .then()
        .statusCode(200)
        .body("roundingMinutes", equalTo(15))
        .body("roundingMethod", equalTo("up"));
  }

  /** A finished entry of the given length that ended an hour ago. */
  private static Map<String, Object> entry(long project, long seconds) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
    Map<String, Object> body = new HashMap<>();
    body.put("projectId", project);
    body.put("start", end.minusSeconds(seconds).toString());
    body.put("end", end.toString());
    body.put("notes", "Manual work");
    return body;
  }
}
