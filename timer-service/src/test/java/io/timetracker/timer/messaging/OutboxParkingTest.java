package io.timetracker.timer.messaging;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.messaging.TopicWatcher.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.testsupport.InProcessKafkaResource;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import io.timetracker.timer.TimeEntryFixtures;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A record the broker can never accept (larger than the topic's {@code max.message.bytes}) is
 * parked on its first failure; the later events of its key go on; an admin replays it once the
 * topic accepts it.
 */
@QuarkusTest
class OutboxParkingTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ADMIN = TestTokens.admin("parking-admin");
  private static final String TOPIC = EventTypes.TIME_ENTRIES_TOPIC;
  private static final Instant START = Instant.parse("2026-03-05T08:00:00Z");
  private static final Pattern PARKED_GAUGE =
      Pattern.compile("(?m)^tt_outbox_parked_events(?:\\{[^}]*\\})? ([0-9.E+]+)$");

  @Inject Pool pool;

  @Test
  void parksARecordTheBrokerRefusesAndPublishesTheLaterEventsOfItsKey() {
    String token = TestTokens.user("parking-user");
    long user = Fixtures.userId(token);
    String key = String.valueOf(user);
    long project = Fixtures.projectWithMembers(user);
    long small;
    long huge;
    long after;
    try (TopicWatcher topic = TopicWatcher.fromNow(TOPIC)) {
      InProcessKafkaResource.setTopicConfig(TOPIC, "max.message.bytes", "4096");
      try {
        small = createEntry(token, project, "short");
        huge = createEntry(token, project, "x".repeat(9000));
        after = createEntry(token, project, "short again");

        List<ConsumerRecord<String, byte[]>> published =
            topic.awaitUpTo(
                r -> key.equals(r.key()),
                r -> subjectOf(after).equals(header(r, CloudEventHeaders.SUBJECT)),
                WAIT);
        assertThat(published)
            .extracting(r -> header(r, CloudEventHeaders.SUBJECT))
            .containsExactly(subjectOf(small), subjectOf(after));
      } finally {
        InProcessKafkaResource.setTopicConfig(TOPIC, "max.message.bytes", null);
      }

      Row parked = row(huge);
      assertThat(parked.getOffsetDateTime("parked_at")).isNotNull();
      assertThat(parked.getOffsetDateTime("published_at")).isNull();
      // refused for good: parked on the first failure, never sent again
      assertThat(parked.getInteger("attempts")).isEqualTo(1);
      assertThat(parked.getString("last_error")).contains("RecordTooLargeException");
      assertThat(row(after).getOffsetDateTime("published_at")).isNotNull();
      await().atMost(WAIT).until(() -> parkedGauge() >= 1);
      String eventId = parked.getUUID("event_id").toString();
      given()
          .auth()
          .oauth2(ADMIN)
          .get("/api/v1/admin/events/parked")
          .then()
          .statusCode(200)
          .body("find { it.eventId == '" + eventId + "' }.key", equalTo(key))
          .body("find { it.eventId == '" + eventId + "' }.subject", equalTo(subjectOf(huge)));

      // the topic takes large records again: the admin replays the parked event
      given()
          .auth()
          .oauth2(ADMIN)
          .post("/api/v1/admin/events/parked/" + eventId + "/replay")
          .then()
          .statusCode(202)
          .body("count", equalTo(1));

      List<ConsumerRecord<String, byte[]>> replayed =
          topic.awaitUpTo(
              r -> key.equals(r.key()),
              r -> subjectOf(huge).equals(header(r, CloudEventHeaders.SUBJECT)),
              WAIT);
      assertThat(header(replayed.get(replayed.size() - 1), CloudEventHeaders.ID))
          .isEqualTo(eventId);
    }
    await().atMost(WAIT).until(() -> row(huge).getOffsetDateTime("published_at") != null);
    assertThat(row(huge).getOffsetDateTime("parked_at")).isNull();
    given()
        .auth()
        .oauth2(ADMIN)
        .post("/api/v1/admin/events/parked/" + row(huge).getUUID("event_id") + "/replay")
        .then()
        .statusCode(404)
        .body("code", equalTo("event_not_parked"));
  }

  private Row row(long entryId) {
    return pool.preparedQuery(
            "SELECT event_id, attempts, last_error, parked_at, published_at FROM outbox"
                + " WHERE topic = $1 AND ce_subject = $2 AND ce_type = $3")
        .execute(Tuple.of(TOPIC, subjectOf(entryId), EventTypes.TIME_ENTRY_CREATED))
        .await()
        .atMost(Duration.ofSeconds(30))
        .iterator()
        .next();
  }

  private static String subjectOf(long entryId) {
    return "time-entries/" + entryId;
  }

  private static long createEntry(String token, long project, String notes) {
    return TimeEntryFixtures.entry(token, project, null, START, START.plusSeconds(1800), notes);
  }

  private static double parkedGauge() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = PARKED_GAUGE.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
