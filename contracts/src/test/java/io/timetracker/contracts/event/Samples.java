package io.timetracker.contracts.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One realistic payload per event type, and Kafka records carrying them as the relay sends them.
 */
public final class Samples {
  static final Instant START = Instant.parse("2026-03-02T08:15:00Z");
  static final Instant END = Instant.parse("2026-03-02T09:45:30Z");

  /** Every type and a payload of it; optional properties are a mix of set and null. */
  public static final Map<String, CoreEvent> BY_TYPE =
      Map.of(
          EventTypes.TIME_ENTRY_STARTED,
          new TimeEntryStarted(41, 7, 3, 12L, START, "Fix login", "timer", null, 0),
          EventTypes.TIME_ENTRY_STOPPED,
          new TimeEntryStopped(
              41, 7, 3, 12L, START, END, 5400, "Fix login", true, "github", "gh:1", 1),
          EventTypes.TIME_ENTRY_CREATED,
          new TimeEntryCreated(
              42,
              7,
              3,
              null,
              START,
              END,
              5430,
              null,
              List.of("meeting", "client"),
              false,
              "gcal",
              "gcal:evt-1",
              0),
          EventTypes.TIME_ENTRY_UPDATED,
          new TimeEntryUpdated(
              42, 7, 3, 12L, START, null, null, "Notes", List.of(), true, "manual", null, 3),
          EventTypes.TIME_ENTRY_DELETED,
          new TimeEntryDeleted(42, 7, 3, "gcal", "gcal:evt-1"),
          EventTypes.TASK_CREATED,
          new TaskCreated(
              12,
              3,
              "Login broken",
              "Steps to reproduce",
              "todo",
              "high",
              null,
              null,
              null,
              "github:acme/web#12",
              "github",
              0),
          EventTypes.TASK_UPDATED,
          new TaskUpdated(
              12,
              3,
              "Login broken on Safari",
              null,
              "in_progress",
              "urgent",
              7L,
              START,
              null,
              null,
              null,
              2),
          EventTypes.TASK_STATUS_CHANGED,
          new TaskStatusChanged(
              12, 3, "in_progress", "done", START, END, "github:acme/web#12", "github", 3));

  private Samples() {}

  /** An ObjectMapper configured like Quarkus's: java.time support, ISO-8601 instants. */
  public static ObjectMapper quarkusLikeMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** A record as the relay publishes it: binary-mode CloudEvents headers, JSON value. */
  public static ConsumerRecord<String, byte[]> record(String type, String key, byte[] value) {
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>(EventTypes.topicOf(type).orElse("tt.other"), 0, 0L, key, value);
    header(record, CloudEventHeaders.ID, "6f1c2a8e-0b7d-4c1e-9a55-3d2f0c9e7b11");
    header(record, CloudEventHeaders.TYPE, type);
    header(record, CloudEventHeaders.SOURCE, "/timer-service");
    header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
    header(record, CloudEventHeaders.SUBJECT, "time-entries/41");
    header(record, CloudEventHeaders.TIME, "2026-03-02T08:15:00.123Z");
    header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
    header(
        record,
        CloudEventHeaders.TRACEPARENT,
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    return record;
  }

  public static void header(ConsumerRecord<?, ?> record, String name, String value) {
    record.headers().remove(name);
    if (value != null) {
      record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
