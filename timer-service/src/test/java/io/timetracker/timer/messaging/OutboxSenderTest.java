package io.timetracker.timer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Which rows count as published when some sends fail: never one after a failure of its key. */
class OutboxSenderTest {

  @Test
  void marksEachKeyOnlyUpToItsFirstFailure() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    OutboxSender sender = new OutboxSender(producer, Duration.ofSeconds(30));
    List<OutboxRecord> rows = List.of(row(1, "a"), row(2, "b"), row(3, "a"), row(4, "b"));

    CompletableFuture<List<OutboxSender.Attempt>> outcome =
        CompletableFuture.supplyAsync(() -> sender.publish(rows));
    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 4);
    producer.completeNext();
    producer.errorNext(new TimeoutException("expired"));
    producer.completeNext();
    producer.completeNext(); // acknowledged, but after key b failed: must be sent again, in order

    OutboxRound result = OutboxRound.of(outcome.get(10, TimeUnit.SECONDS), 5);
    assertThat(result.published()).extracting(OutboxRecord::id).containsExactly(1L, 3L);
    assertThat(result.failed()).extracting(f -> f.row().id()).containsExactly(2L);
    assertThat(result.firstFailure().message()).contains("expired");
    assertThat(result.brokerDown()).isFalse();
  }

  @Test
  void sendThatThrowsStopsTheBatchAndMarksNothing() {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    producer.sendException = new TimeoutException("no metadata within max.block.ms");
    OutboxSender sender = new OutboxSender(producer, Duration.ofSeconds(30));

    OutboxRound result = OutboxRound.of(sender.publish(List.of(row(1, "a"), row(2, "b"))), 5);

    assertThat(result.published()).isEmpty();
    assertThat(result.failed()).extracting(f -> f.row().id()).containsExactly(1L);
    assertThat(result.brokerDown()).isTrue();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void sendThatFailsAtOnceStopsTheBatchSoNoLaterRowOfItsKeyGetsAhead() {
    // KafkaProducer answers a send without topic metadata with a future that failed already
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            if ("b".equals(record.key())) {
              return CompletableFuture.failedFuture(
                  new TimeoutException("Topic not present in metadata after 10000 ms."));
            }
            return super.send(record);
          }
        };
    OutboxSender sender = new OutboxSender(producer, Duration.ofSeconds(30));
    List<OutboxRecord> rows = List.of(row(1, "a"), row(2, "b"), row(3, "b"), row(4, "a"));

    OutboxRound result = OutboxRound.of(sender.publish(rows), 5);

    assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("a");
    assertThat(result.published()).extracting(OutboxRecord::id).containsExactly(1L);
    assertThat(result.failed()).extracting(f -> f.row().id()).containsExactly(2L);
    assertThat(result.firstFailure().message()).contains("not present in metadata");
  }

  @Test
  void buildsACloudEventsBinaryModeRecord() {
    OutboxRecord row = row(7, "42");

    var record = row.toProducerRecord();

    assertThat(record.key()).isEqualTo("42");
    assertThat(record.topic()).isEqualTo("tt.time-entries.v1");
    assertThat(new String(record.value())).isEqualTo("{\"entryId\":7}");
    assertThat(record.headers().toArray())
        .extracting(h -> h.key() + "=" + new String(h.value()))
        .containsExactly(
            "ce_specversion=1.0",
            "ce_id=" + row.eventId(),
            "ce_type=timetracker.time-entry.started.v1",
            "ce_source=/timer-service",
            "ce_subject=time-entries/7",
            "ce_time=2026-03-01T10:00:00.123456Z",
            "content-type=application/json",
            "traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  private static OutboxRecord row(long id, String key) {
    return new OutboxRecord(
        id,
        UUID.randomUUID(),
        "tt.time-entries.v1",
        key,
        "timetracker.time-entry.started.v1",
        "/timer-service",
        "time-entries/" + id,
        Instant.parse("2026-03-01T10:00:00.123456Z"),
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "{\"entryId\":" + id + "}",
        0);
  }
}
