package io.timetracker.timer.messaging;

import io.timetracker.contracts.event.CloudEventHeaders;
import io.vertx.mutiny.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One claimed outbox row, and the Kafka record (CloudEvents 1.0 binary mode) it becomes; {@code
 * failures} counts its earlier failed attempts while the broker was reachable.
 */
record OutboxRecord(
    long id,
    UUID eventId,
    String topic,
    String key,
    String type,
    String source,
    String subject,
    Instant time,
    String traceparent,
    String payload,
    int failures) {

  static OutboxRecord of(Row row) {
    return new OutboxRecord(
        row.getLong("id"),
        row.getUUID("event_id"),
        row.getString("topic"),
        row.getString("message_key"),
        row.getString("ce_type"),
        row.getString("ce_source"),
        row.getString("ce_subject"),
        row.getOffsetDateTime("ce_time").toInstant(),
        row.getString("traceparent"),
        row.getString("payload"),
        row.getInteger("failures"));
  }

  /** The Kafka record: key, JSON payload as value, the envelope as headers. */
  ProducerRecord<String, byte[]> toProducerRecord() {
    List<Header> headers = new ArrayList<>(8);
    header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
    header(headers, CloudEventHeaders.ID, eventId.toString());
    header(headers, CloudEventHeaders.TYPE, type);
    header(headers, CloudEventHeaders.SOURCE, source);
    header(headers, CloudEventHeaders.SUBJECT, subject);
    header(headers, CloudEventHeaders.TIME, time.toString());
    header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
    header(headers, CloudEventHeaders.TRACEPARENT, traceparent);
    return new ProducerRecord<>(
        topic, null, key, payload.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static void header(List<Header> headers, String name, String value) {
    if (value != null) {
      headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
