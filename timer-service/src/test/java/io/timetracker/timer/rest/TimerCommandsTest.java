package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the timer's start and stop on the reactive pool ({@code TimerCommands}) must keep: the
 * outbox row only with the change that commits, a switch that is undone with a refused start,
 * repeated starts without a second event, Idempotency-Key replays, concurrent stops, the service
 * client's stamp and the refusal of a deactivated user.
 */
@QuarkusTest
class TimerCommandsTest {
  private static final String CONNECTOR = TestTokens.service("connector-github");

  @Inject TestDb db;

  @TestHTTPResource("/api/v1/timer/stop")
  URI stop;

  @Test
  void aSwitchRefusedByItsStartUndoesTheStopAndWritesNoEvent() {
    long user = Fixtures.userId(TestTokens.user("cmd-switch-refused"));
    long project = Fixtures.projectWithMembers(user);
    long first = started(user, project, "github:o/r#1");
    service().post(timer(user) + "/stop").then().statusCode(200);
    long running = started(user, project, "github:o/r#2");
    long events = events(user);

    // the reference of the stopped entry: the insert fails after the running timer was stopped
    assertProblem(
        serviceStart(user, project, "github:o/r#1", "switch"), 409, "external_ref_in_use");

    assertThat(first).isNotEqualTo(running);
    assertThat(db.runningEntriesOf(user)).isEqualTo(1);
    assertThat(db.string("select end_time::text from time_entries where id = ?", running)).isNull();
    assertThat(db.string("select version::text from time_entries where id = ?", running))
        .isEqualTo("0");
    assertThat(events(user)).isEqualTo(events);
  }

  @Test
  void aStartRefusedByTheDatabaseWritesNoEvent() {
    long user = Fixtures.userId(TestTokens.user("cmd-refused"));
    long project = Fixtures.projectWithMembers(user);
    serviceStart(user, project, "github:o/r#10", null).statusCode(201);
    service().post(timer(user) + "/stop").then().statusCode(200);
    long events = events(user);

    assertProblem(serviceStart(user, project, "github:o/r#10", null), 409, "external_ref_in_use");
    assertThat(db.entriesOf(user)).isEqualTo(1);
    assertThat(events(user)).isEqualTo(events);

    serviceStart(user, project, "github:o/r#11", null).statusCode(201);
    long afterStart = events(user);
    assertProblem(serviceStart(user, project, "github:o/r#12", null), 409, "timer_already_running");
    assertThat(db.entriesOf(user)).isEqualTo(2);
    assertThat(afterStart).isEqualTo(events + 1);
    assertThat(events(user)).isEqualTo(afterStart);
  }

  @Test
  void aRepeatedStartAnswersTheRunningTimerWithoutASecondEvent() {
    long user = Fixtures.userId(TestTokens.user("cmd-repeat"));
    long project = Fixtures.projectWithMembers(user);
    long id = started(user, project, "github:o/r#20");
    long events = events(user);

    serviceStart(user, project, "github:o/r#20", null)
        .statusCode(201)
        .body("id", equalTo((int) id))
        .body("running", equalTo(true));

    assertThat(db.entriesOf(user)).isEqualTo(1);
    assertThat(events(user)).isEqualTo(events);
    assertThat(
            db.string(
                "select count(*)::text from outbox where ce_subject = ? and ce_type = ?",
                "time-entries/" + id,
                EventTypes.TIME_ENTRY_STARTED))
        .isEqualTo("1");
  }

  @Test
  void anIdempotencyKeyReplaysTheStartsAnswer() {
    String token = TestTokens.user("cmd-idem");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    long id =
        startWithKey(token, "start-1", Map.of("projectId", project))
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    given().auth().oauth2(token).post("/api/v1/timer/stop").then().statusCode(200);
    long events = events(user);

    // the timer has stopped since: the replay answers the stored start, it does not start again
    startWithKey(token, "start-1", Map.of("projectId", project))
        .statusCode(201)
        .body("id", equalTo((int) id))
        .body("running", equalTo(true));
    assertProblem(
        startWithKey(token, "start-1", Map.of("projectId", project, "notes", "other")),
        422,
        "idempotency_key_reused");

    assertThat(db.entriesOf(user)).isEqualTo(1);
    assertThat(db.runningEntriesOf(user)).isZero();
    assertThat(events(user)).isEqualTo(events);
  }

  @Test
  void aStartRefusedUnderAnIdempotencyKeyLeavesTheKeyFree() {
    String token = TestTokens.user("cmd-idem-refused");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    Fixtures.setProjectStatus(project, "archived");

    assertProblem(
        startWithKey(token, "start-2", Map.of("projectId", project)), 409, "project_archived");
    assertThat(
            db.string(
                "select count(*)::text from idempotency_keys where user_id = ? and idem_key = ?",
                user,
                "start-2"))
        .isEqualTo("0");

    Fixtures.setProjectStatus(project, "active");
    startWithKey(token, "start-2", Map.of("projectId", project)).statusCode(201);
    assertThat(db.runningEntriesOf(user)).isEqualTo(1);
  }

  @Test
  void concurrentStopsOfOneTimerStopItOnce() {
    String token = TestTokens.user("cmd-stop-race");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    long id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("projectId", project))
            .post("/api/v1/timer/start")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    List<CompletableFuture<HttpResponse<String>>> sent =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    http.sendAsync(
                        HttpRequest.newBuilder(stop)
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
            .toList();
    Map<Integer, Long> byStatus =
        sent.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

    assertThat(byStatus).containsOnly(Map.entry(200, 1L), Map.entry(404, 19L));
    assertThat(db.runningEntriesOf(user)).isZero();
    assertThat(db.string("select version::text from time_entries where id = ?", id)).isEqualTo("1");
    assertThat(
            db.string(
                "select count(*)::text from outbox where ce_subject = ? and ce_type = ?",
                "time-entries/" + id,
                EventTypes.TIME_ENTRY_STOPPED))
        .isEqualTo("1");
  }

  @Test
  void aStopByAConnectorStampsItsClientAndTheEntrysUpdate() {
    String token = TestTokens.user("cmd-stamp");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    long id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("projectId", project, "notes", "  by hand  ", "tags", List.of("a", "b")))
            .post("/api/v1/timer/start")
            .then()
            .statusCode(201)
            .body("notes", equalTo("by hand"))
            .body("tags", equalTo(List.of("a", "b")))
            .body("version", equalTo(0))
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(db.string("select service_client from time_entries where id = ?", id)).isNull();

    service()
        .post(timer(user) + "/stop")
        .then()
        .statusCode(200)
        .body("id", equalTo((int) id))
        .body("version", equalTo(1))
        .body("tags", equalTo(List.of("a", "b")));

    assertThat(db.string("select service_client from time_entries where id = ?", id))
        .isEqualTo("connector-github");
    assertThat(
            db.string(
                "select (updated_at = end_time and updated_at > created_at)::text"
                    + " from time_entries where id = ?",
                id))
        .isEqualTo("true");
  }

  @Test
  void aDeactivatedUserCanNeitherStartNorStop() {
    String token = TestTokens.user("cmd-inactive");
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
    Fixtures.deactivate(user);

    assertProblem(
        given().auth().oauth2(token).post("/api/v1/timer/stop").then(), 403, "user_inactive");
    assertProblem(
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("projectId", project))
            .post("/api/v1/timer/start")
            .then(),
        403,
        "user_inactive");
    assertProblem(service().post(timer(user) + "/stop").then(), 403, "user_inactive");
    assertThat(db.runningEntriesOf(user)).isEqualTo(1);
  }

  /** Time-entry events of the user in the outbox, published or not. */
  private long events(long user) {
    return Long.parseLong(
        db.string(
            "select count(*)::text from outbox where topic = ? and message_key = ?",
            EventTypes.TIME_ENTRIES_TOPIC,
            String.valueOf(user)));
  }

  private static String timer(long user) {
    return "/api/v1/service/users/" + user + "/timer";
  }

  private static RequestSpecification service() {
    return given().auth().oauth2(CONNECTOR).contentType(ContentType.JSON);
  }

  /** A connector's start that must succeed; the new entry's id. */
  private static long started(long user, long project, String ref) {
    return serviceStart(user, project, ref, null)
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static ValidatableResponse serviceStart(
      long user, long project, String ref, String whenRunning) {
    Map<String, Object> body = new HashMap<>();
    body.put("projectId", project);
    body.put("source", "github");
    body.put("externalRef", ref);
    if (whenRunning != null) {
      body.put("whenRunning", whenRunning);
    }
    return service().body(body).post(timer(user) + "/start").then();
  }

  private static ValidatableResponse startWithKey(
      String token, String key, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/v1/timer/start")
        .then();
  }
}
