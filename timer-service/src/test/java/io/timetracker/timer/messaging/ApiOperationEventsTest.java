package io.timetracker.timer.messaging;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.messaging.TopicWatcher.header;
import static io.timetracker.timer.messaging.TopicWatcher.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.CoreEvent;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every API operation that changes a time entry or a task yields exactly one event, with the right
 * type, key, subject and envelope, and a payload valid against its JSON Schema.
 */
@QuarkusTest
class ApiOperationEventsTest {
  private static final Logger LOG = Logger.getLogger(ApiOperationEventsTest.class);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Inject ObjectMapper mapper;

  /** An expected event: type and subject, in order. */
  record Expected(String type, String subject) {}

  @Test
  void eachTimeEntryOperationPublishesExactlyOneEvent() {
    String token = TestTokens.user("events-entries");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    String service = TestTokens.service("connector-github");
    String calendar = TestTokens.service("connector-gcal");
    List<Expected> expected = new ArrayList<>();

    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TIME_ENTRIES_TOPIC)) {
      long timed =
          post(token, "/api/v1/timer/start", Map.of("projectId", project))
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TIME_ENTRY_STARTED, "time-entries/" + timed));
      post(token, "/api/v1/timer/stop", null).statusCode(200);
      expected.add(new Expected(EventTypes.TIME_ENTRY_STOPPED, "time-entries/" + timed));

      long manual =
          post(
                  token,
                  "/api/v1/time-entries",
                  Map.of(
                      "projectId",
                      project,
                      "start",
                      "2026-03-02T09:00:00Z",
                      "end",
                      "2026-03-02T10:30:00Z",
                      "tags",
                      List.of("a", "b")))
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TIME_ENTRY_CREATED, "time-entries/" + manual));
      request(token, ContentType.JSON)
          .body(Map.of("notes", "changed"))
          .patch("/api/v1/time-entries/" + manual)
          .then()
          .statusCode(200);
      expected.add(new Expected(EventTypes.TIME_ENTRY_UPDATED, "time-entries/" + manual));
      request(token, ContentType.JSON)
          .delete("/api/v1/time-entries/" + manual)
          .then()
          .statusCode(204);
      expected.add(new Expected(EventTypes.TIME_ENTRY_DELETED, "time-entries/" + manual));

      String byRef = "/api/v1/service/users/" + user + "/time-entries/by-ref";
      Map<String, Object> external =
          new HashMap<>(
              Map.of(
                  "externalRef", "gcal:evt-1",
                  "source", "gcal",
                  "projectId", project,
                  "start", "2026-03-03T09:00:00Z",
                  "end", "2026-03-03T09:45:00Z"));
      long upserted =
          request(calendar, ContentType.JSON)
              .body(external)
              .put(byRef)
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TIME_ENTRY_CREATED, "time-entries/" + upserted));
      external.put("end", "2026-03-03T10:00:00Z");
      request(calendar, ContentType.JSON).body(external).put(byRef).then().statusCode(200);
      expected.add(new Expected(EventTypes.TIME_ENTRY_UPDATED, "time-entries/" + upserted));
      // the same import again changes nothing and publishes nothing
      request(calendar, ContentType.JSON).body(external).put(byRef).then().statusCode(200);
      request(calendar, ContentType.JSON)
          .queryParam("externalRef", "gcal:evt-1")
          .delete(byRef)
          .then()
          .statusCode(204);
      expected.add(new Expected(EventTypes.TIME_ENTRY_DELETED, "time-entries/" + upserted));

      String timer = "/api/v1/service/users/" + user + "/timer";
      long serviceTimed =
          post(service, timer + "/start", Map.of("projectId", project, "source", "github"))
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TIME_ENTRY_STARTED, "time-entries/" + serviceTimed));
      long switched =
          post(
                  service,
                  timer + "/start",
                  Map.of("projectId", project, "source", "github", "whenRunning", "switch"))
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      // switching stops the running timer and starts the new one in one transaction
      expected.add(new Expected(EventTypes.TIME_ENTRY_STOPPED, "time-entries/" + serviceTimed));
      expected.add(new Expected(EventTypes.TIME_ENTRY_STARTED, "time-entries/" + switched));
      post(service, timer + "/stop", null).statusCode(200);
      expected.add(new Expected(EventTypes.TIME_ENTRY_STOPPED, "time-entries/" + switched));

      // a last operation after which nothing else may arrive before its event
      long marker =
          post(token, "/api/v1/timer/start", Map.of("projectId", project))
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TIME_ENTRY_STARTED, "time-entries/" + marker));
      post(token, "/api/v1/timer/stop", null).statusCode(200);

      List<ConsumerRecord<String, byte[]>> records =
          topic.awaitUpTo(
              r -> String.valueOf(user).equals(r.key()),
              r -> ("time-entries/" + marker).equals(header(r, CloudEventHeaders.SUBJECT)),
              WAIT);
      assertExactly(records, expected);
      logLatency(records);
    }
  }

  @Test
  void eachTaskOperationPublishesExactlyOneEventKeyedByProject() {
    String token = TestTokens.user("events-tasks");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    String service = TestTokens.service("connector-github");
    List<Expected> expected = new ArrayList<>();

    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TASKS_TOPIC)) {
      long task =
          post(token, "/api/v1/tasks", Map.of("projectId", project, "name", "Write docs"))
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TASK_CREATED, "tasks/" + task));
      patch(token, "/api/v1/tasks/" + task, Map.of("name", "Write better docs"));
      expected.add(new Expected(EventTypes.TASK_UPDATED, "tasks/" + task));
      patch(token, "/api/v1/tasks/" + task, Map.of("status", "in_progress"));
      expected.add(new Expected(EventTypes.TASK_STATUS_CHANGED, "tasks/" + task));

      String byRef = "/api/v1/service/users/" + user + "/tasks/by-ref";
      Map<String, Object> issue =
          new HashMap<>(
              Map.of(
                  "projectId", project,
                  "externalRef", "github:acme/app#7",
                  "externalSource", "github",
                  "name", "Fix login"));
      long upserted =
          request(service, ContentType.JSON)
              .body(issue)
              .put(byRef)
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TASK_CREATED, "tasks/" + upserted));
      issue.put("name", "Fix login on Safari");
      request(service, ContentType.JSON).body(issue).put(byRef).then().statusCode(200);
      expected.add(new Expected(EventTypes.TASK_UPDATED, "tasks/" + upserted));
      issue.put("status", "done");
      request(service, ContentType.JSON).body(issue).put(byRef).then().statusCode(200);
      expected.add(new Expected(EventTypes.TASK_STATUS_CHANGED, "tasks/" + upserted));
      // a sync repeating an unchanged issue changes nothing and publishes nothing
      request(service, ContentType.JSON).body(issue).put(byRef).then().statusCode(200);

      long marker =
          post(token, "/api/v1/tasks", Map.of("projectId", project, "name", "Marker"))
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      expected.add(new Expected(EventTypes.TASK_CREATED, "tasks/" + marker));

      List<ConsumerRecord<String, byte[]>> records =
          topic.awaitUpTo(
              r -> String.valueOf(project).equals(r.key()),
              r -> ("tasks/" + marker).equals(header(r, CloudEventHeaders.SUBJECT)),
              WAIT);
      assertExactly(records, expected);
      ReadEvent done = read(records.get(5));
      assertThat(done.payload())
          .isInstanceOfSatisfying(
              io.timetracker.contracts.event.TaskStatusChanged.class,
              p -> {
                assertThat(p.previousStatus()).isEqualTo("todo");
                assertThat(p.status()).isEqualTo("done");
                assertThat(p.completedAt()).isNotNull();
              });
    }
  }

  @Test
  void eventCarriesTheTraceOfTheRequestThatCausedIt() {
    String token = TestTokens.user("events-trace");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    String parent = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TIME_ENTRIES_TOPIC)) {
      long entry =
          request(token, ContentType.JSON)
              .header("traceparent", parent)
              .body(Map.of("projectId", project))
              .post("/api/v1/timer/start")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      post(token, "/api/v1/timer/stop", null).statusCode(200);

      ConsumerRecord<String, byte[]> started =
          topic
              .await(
                  r -> ("time-entries/" + entry).equals(header(r, CloudEventHeaders.SUBJECT)),
                  1,
                  WAIT)
              .get(0);
      String traceparent = header(started, CloudEventHeaders.TRACEPARENT);
      assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
      assertThat(traceparent.split("-")[1]).isEqualTo(TRACE_ID);
    }
  }

  private void assertExactly(List<ConsumerRecord<String, byte[]>> records, List<Expected> want) {
    assertThat(records)
        .extracting(
            r ->
                new Expected(
                    header(r, CloudEventHeaders.TYPE), header(r, CloudEventHeaders.SUBJECT)))
        .containsExactlyElementsOf(want);
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      String type = header(r, CloudEventHeaders.TYPE);
      assertThat(header(r, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
      assertThat(header(r, CloudEventHeaders.SOURCE)).isEqualTo("/timer-service");
      assertThat(header(r, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
      assertThat(Instant.parse(header(r, CloudEventHeaders.TIME))).isNotNull();
      assertThat(ids.add(UUID.fromString(header(r, CloudEventHeaders.ID)).toString())).isTrue();
      assertThat(SchemaCheck.errors(type, value(r))).as("schema errors of %s", type).isEmpty();
      ReadEvent event = read(r);
      assertThat(event.type()).isEqualTo(type);
      assertThat(event.subject()).endsWith("/" + subjectId(event));
    }
  }

  /**
   * The record's type, subject, key and payload read into its contracts record (the core's tests do
   * not use connector-kit's reader: the core never depends on the kit).
   */
  private ReadEvent read(ConsumerRecord<String, byte[]> record) {
    String type = header(record, CloudEventHeaders.TYPE);
    try {
      CoreEvent payload =
          (CoreEvent) mapper.readValue(value(record), EventTypes.PAYLOADS.get(type));
      return new ReadEvent(type, header(record, CloudEventHeaders.SUBJECT), record.key(), payload);
    } catch (java.io.IOException e) {
      throw new AssertionError("unreadable " + type + " payload", e);
    }
  }

  private record ReadEvent(String type, String subject, String key, CoreEvent payload) {}

  private static long subjectId(ReadEvent event) {
    if (event.payload() instanceof io.timetracker.contracts.event.TimeEntryEvent e) {
      assertThat(event.key()).isEqualTo(String.valueOf(e.userId()));
      return e.entryId();
    }
    io.timetracker.contracts.event.TaskEvent t =
        (io.timetracker.contracts.event.TaskEvent) event.payload();
    assertThat(event.key()).isEqualTo(String.valueOf(t.projectId()));
    return t.taskId();
  }

  /** Commit-to-send delay: the producer's record timestamp minus the event's ce_time. */
  private static void logLatency(List<ConsumerRecord<String, byte[]>> records) {
    long[] millis =
        records.stream()
            .mapToLong(
                r ->
                    r.timestamp() - Instant.parse(header(r, CloudEventHeaders.TIME)).toEpochMilli())
            .sorted()
            .toArray();
    LOG.infof(
        "relay latency over %d events: median %d ms, max %d ms",
        millis.length, millis[millis.length / 2], millis[millis.length - 1]);
  }

  private static io.restassured.specification.RequestSpecification request(
      String token, ContentType type) {
    return given().auth().oauth2(token).contentType(type);
  }

  private static ValidatableResponse post(String token, String path, Object body) {
    var spec = request(token, ContentType.JSON);
    if (body != null) {
      spec = spec.body(body);
    }
    return spec.post(path).then();
  }

  private static void patch(String token, String path, Object body) {
    request(token, ContentType.JSON).body(body).patch(path).then().statusCode(200);
  }
}
