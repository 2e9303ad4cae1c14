package io.timetracker.timer.messaging;

import static io.timetracker.timer.messaging.TopicWatcher.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.testsupport.InProcessKafkaResource;
import io.timetracker.timer.config.OutboxConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database fails after the broker acknowledged a round (a PostgreSQL restart between send and
 * commit): the published marks roll back and the row is pending again although it is on Kafka. The
 * failure is real: a deferred constraint trigger refuses the commit of the mark.
 */
@QuarkusTest
class LostMarkTest {
  private static final String INSERT =
      """
      INSERT INTO outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                          payload)
      VALUES ($1, $2, 'lost-mark', 'test.lost-mark.v1', '/test', 'lost-mark', now(), '{}')
      """;

  @Inject Pool pool;
  @Inject OutboxRelay relay;
  @Inject OutboxConfig config;

  private OutboxDatabase db;

  @BeforeEach
  void failTheCommitOfFlaggedMarks() {
    db = new OutboxDatabase(pool);
    relay.pause(); // only the dispatchers of the test publish
    db.execute(
        "CREATE TABLE IF NOT EXISTS test_fail_mark (event_id uuid PRIMARY KEY)", Tuple.tuple());
    db.execute(
        """
        CREATE OR REPLACE FUNCTION test_fail_mark() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF NEW.published_at IS NOT NULL
             AND EXISTS (SELECT 1 FROM test_fail_mark m WHERE m.event_id = NEW.event_id) THEN
            RAISE EXCEPTION 'test: the commit of this mark fails';
          END IF;
          RETURN NULL;
        END
        $f$
        """,
        Tuple.tuple());
    db.execute("DROP TRIGGER IF EXISTS test_fail_mark ON outbox", Tuple.tuple());
    db.execute(
        "CREATE CONSTRAINT TRIGGER test_fail_mark AFTER UPDATE ON outbox"
            + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_mark()",
        Tuple.tuple());
  }

  @AfterEach
  void removeTheTrigger() {
    try {
      db.execute("DROP TRIGGER IF EXISTS test_fail_mark ON outbox", Tuple.tuple());
      db.execute("DELETE FROM test_fail_mark", Tuple.tuple());
    } finally {
      relay.resume();
    }
  }

  @Test
  void aRowAcknowledgedBeforeItsMarkWasLostIsMarkedWithoutBeingSentAgain() {
    String topic = newTopic();
    UUID eventId = pendingRowWhoseMarkFails(topic);
    try (Producer<String, byte[]> producer = producer("lost-mark-a");
        TopicWatcher log = TopicWatcher.fromBeginning(topic)) {
      OutboxDispatcher dispatcher = db.dispatcher(producer);

      assertThatThrownBy(dispatcher::dispatchOnce).hasMessageContaining("the commit of this mark");
      assertThat(pending(eventId)).as("pending after the lost mark").isTrue();
      log.await(r -> true, 1, Duration.ofSeconds(30)); // the broker has it once

      letMarksCommit();
      dispatcher.dispatchOnce();

      assertThat(pending(eventId)).as("pending after the second round").isFalse();
      List<ConsumerRecord<String, byte[]>> records = log.await(r -> true, 1, Duration.ofSeconds(5));
      assertThat(records)
          .extracting(r -> header(r, CloudEventHeaders.ID))
          .containsExactly(eventId.toString());
      assertThat(log.writtenSinceStart()).as("records on the topic").isEqualTo(1);
    }
  }

  /** The limit of the guarantee: a relay that restarts in the window has no memory of the ack. */
  @Test
  void aRelayThatRestartedInTheWindowSendsTheRowAgain() {
    String topic = newTopic();
    UUID eventId = pendingRowWhoseMarkFails(topic);
    try (Producer<String, byte[]> first = producer("lost-mark-b1");
        Producer<String, byte[]> second = producer("lost-mark-b2");
        TopicWatcher log = TopicWatcher.fromBeginning(topic)) {
      assertThatThrownBy(db.dispatcher(first)::dispatchOnce)
          .hasMessageContaining("the commit of this mark");
      letMarksCommit();
      db.dispatcher(second).dispatchOnce();

      assertThat(pending(eventId)).isFalse();
      List<ConsumerRecord<String, byte[]>> records =
          log.await(r -> true, 2, Duration.ofSeconds(30));
      assertThat(records)
          .extracting(r -> header(r, CloudEventHeaders.ID))
          .containsExactly(eventId.toString(), eventId.toString());
    }
  }

  private static String newTopic() {
    String topic = "test.lost-mark." + System.nanoTime();
    InProcessKafkaResource.createTopics(Map.of(topic, 1));
    return topic;
  }

  private UUID pendingRowWhoseMarkFails(String topic) {
    UUID eventId = UUID.randomUUID();
    db.execute("INSERT INTO test_fail_mark (event_id) VALUES ($1)", Tuple.of(eventId));
    db.execute(INSERT, Tuple.of(eventId, topic));
    return eventId;
  }

  private void letMarksCommit() {
    db.execute("DELETE FROM test_fail_mark", Tuple.tuple());
  }

  private boolean pending(UUID eventId) {
    return db.count(
            "SELECT count(*) FROM outbox WHERE event_id = $1 AND published_at IS NULL",
            Tuple.of(eventId))
        == 1;
  }

  private Producer<String, byte[]> producer(String clientId) {
    return OutboxProducer.create(
        Map.of("bootstrap.servers", InProcessKafkaResource.bootstrapServers()), config, clientId);
  }
}
