package io.timetracker.timer.messaging;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.messaging.TopicWatcher.header;
import static io.timetracker.timer.messaging.TopicWatcher.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Replay re-emits retained events with their original ids, and only the ones asked for. */
@QuarkusTest
class ReplayTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ADMIN = TestTokens.admin("events-admin");

  @Test
  void replayOfATimeRangeReemitsExactlyItsEventsWithTheirOriginalIds() {
    Recorded five = recordFiveEntries("replay-range");
    Instant from = Instant.parse(header(five.records().get(1), CloudEventHeaders.TIME));
    Instant lastIncluded = Instant.parse(header(five.records().get(3), CloudEventHeaders.TIME));

    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TIME_ENTRIES_TOPIC)) {
      replay(Map.of("from", from.toString(), "to", lastIncluded.plusNanos(1000).toString()))
          .statusCode(202)
          .body("count", equalTo(3));
      long marker = createEntry(five.token(), five.project());

      List<ConsumerRecord<String, byte[]>> replayed =
          topic.awaitUpTo(
              r -> five.key().equals(r.key()),
              r -> ("time-entries/" + marker).equals(header(r, CloudEventHeaders.SUBJECT)),
              WAIT);
      List<ConsumerRecord<String, byte[]>> originals = five.records().subList(1, 4);
      assertThat(replayed).hasSize(4);
      assertThat(replayed.subList(0, 3))
          .extracting(r -> header(r, CloudEventHeaders.ID))
          .containsExactlyElementsOf(ids(originals));
      for (int i = 0; i < 3; i++) {
        assertThat(value(replayed.get(i))).isEqualTo(value(originals.get(i)));
        assertThat(header(replayed.get(i), CloudEventHeaders.TIME))
            .isEqualTo(header(originals.get(i), CloudEventHeaders.TIME));
      }
    }
  }

  @Test
  void replayFromAnEventReemitsItAndEveryLaterEventOfTheTopic() {
    Recorded five = recordFiveEntries("replay-from");
    List<ConsumerRecord<String, byte[]>> lastTwo = five.records().subList(3, 5);

    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TIME_ENTRIES_TOPIC)) {
      replay(
              Map.of(
                  "fromEventId",
                  header(lastTwo.get(0), CloudEventHeaders.ID),
                  "topic",
                  EventTypes.TIME_ENTRIES_TOPIC))
          .statusCode(202)
          .body("count", equalTo(2));

      assertThat(topic.await(r -> five.key().equals(r.key()), 2, WAIT))
          .extracting(r -> header(r, CloudEventHeaders.ID))
          .containsExactlyElementsOf(ids(lastTwo));
    }
  }

  @Test
  void replayNeedsARangeOrAnEventAndTheAdminRole() {
    replay(Map.of()).statusCode(400).body("code", equalTo("validation_failed"));
    replay(Map.of("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z")).statusCode(400);
    replay(Map.of("fromEventId", UUID.randomUUID().toString()))
        .statusCode(404)
        .body("code", equalTo("event_not_found"));
    given()
        .auth()
        .oauth2(TestTokens.user("replay-not-admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("fromEventId", UUID.randomUUID().toString()))
        .post("/api/v1/admin/events/replay")
        .then()
        .statusCode(403);
  }

  /** Five created entries of a fresh user, and their five events as first published. */
  record Recorded(
      String token, long project, String key, List<ConsumerRecord<String, byte[]>> records) {}

  private static Recorded recordFiveEntries(String name) {
    String token = TestTokens.user(name);
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TIME_ENTRIES_TOPIC)) {
      List<Long> entries = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        entries.add(createEntry(token, project));
      }
      List<ConsumerRecord<String, byte[]>> records =
          topic.await(r -> String.valueOf(user).equals(r.key()), 5, WAIT);
      assertThat(records)
          .extracting(r -> header(r, CloudEventHeaders.SUBJECT))
          .containsExactlyElementsOf(entries.stream().map(id -> "time-entries/" + id).toList());
      return new Recorded(token, project, String.valueOf(user), records);
    }
  }

  private static long createEntry(String token, long project) {
    Map<String, Object> body = new HashMap<>();
    body.put("projectId", project);
    body.put("start", "2026-03-05T08:00:00Z");
    body.put("end", "2026-03-05T08:30:00Z");
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/time-entries")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static ValidatableResponse replay(Map<String, String> body) {
    return given()
        .auth()
        .oauth2(ADMIN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/admin/events/replay")
        .then();
  }

  private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> header(r, CloudEventHeaders.ID)).toList();
  }
}
