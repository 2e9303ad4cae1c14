package io.timetracker.connector.kit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.CoreEvent;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.contracts.event.Samples;
import io.timetracker.contracts.event.TaskCreated;
import io.timetracker.contracts.event.TimeEntryStarted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventReaderTest {
  // like Quarkus with quarkus.jackson.fail-on-unknown-properties=true, as timer-service sets it
  private final ObjectMapper mapper =
      Samples.quarkusLikeMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EventReader reader = new EventReader(mapper, registry);

  static Iterable<String> types() {
    return EventTypes.PAYLOADS.keySet();
  }

  @ParameterizedTest
  @MethodSource("types")
  void readsEachTypeBackIntoItsRecord(String type) throws Exception {
    CoreEvent sent = Samples.BY_TYPE.get(type);
    var record = Samples.record(type, "7", mapper.writeValueAsBytes(sent));

    ReadEvent event = reader.read(record).orElseThrow();

    assertThat(event.payload()).isEqualTo(sent).isInstanceOf(EventTypes.PAYLOADS.get(type));
    assertThat(event.type()).isEqualTo(type);
    assertThat(event.id()).isEqualTo("6f1c2a8e-0b7d-4c1e-9a55-3d2f0c9e7b11");
    assertThat(event.source()).isEqualTo("/timer-service");
    assertThat(event.subject()).isEqualTo("time-entries/41");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-03-02T08:15:00.123Z"));
    assertThat(event.key()).isEqualTo("7");
    assertThat(event.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void readsStringValuesLikeByteValues() throws Exception {
    CoreEvent sent = Samples.BY_TYPE.get(EventTypes.TASK_CREATED);
    ConsumerRecord<String, byte[]> bytes =
        Samples.record(EventTypes.TASK_CREATED, "3", mapper.writeValueAsBytes(sent));
    ConsumerRecord<String, String> text =
        new ConsumerRecord<>(bytes.topic(), 0, 0L, "3", mapper.writeValueAsString(sent));
    bytes.headers().forEach(h -> text.headers().add(h));

    assertThat(reader.read(text).orElseThrow().payload(TaskCreated.class))
        .contains((TaskCreated) sent);
  }

  @Test
  void ignoresPropertiesAddedByALaterRevision() throws Exception {
    ObjectNode json = mapper.valueToTree(Samples.BY_TYPE.get(EventTypes.TIME_ENTRY_STARTED));
    json.put("colour", "teal");

    ReadEvent event =
        reader
            .read(
                Samples.record(EventTypes.TIME_ENTRY_STARTED, "7", mapper.writeValueAsBytes(json)))
            .orElseThrow();

    assertThat(event.payload()).isEqualTo(Samples.BY_TYPE.get(EventTypes.TIME_ENTRY_STARTED));
  }

  @Test
  void acceptsOmittedNullableProperties() {
    String json =
        """
        {"entryId":41,"userId":7,"projectId":3,"start":"2026-03-02T08:15:00Z",
         "source":"timer","version":0}""";

    ReadEvent event =
        reader.read(Samples.record(EventTypes.TIME_ENTRY_STARTED, "7", bytes(json))).orElseThrow();

    assertThat(event.payload(TimeEntryStarted.class).orElseThrow().taskId()).isNull();
  }

  @Test
  void skipsAndCountsUnknownType() {
    var record = Samples.record("timetracker.invoice.sent.v1", "7", bytes("{}"));

    assertThat(reader.read(record)).isEmpty();
    assertThat(skipped("unknown_type", "timetracker.invoice.sent.v1")).isEqualTo(1.0);
  }

  @Test
  void skipsAndCountsAFutureVersionOfAKnownType() {
    var record = Samples.record("timetracker.time-entry.started.v2", "7", bytes("{\"x\":1}"));

    assertThat(reader.read(record)).isEmpty();
    assertThat(skipped("unsupported_version", "timetracker.time-entry.started.v2")).isEqualTo(1.0);
  }

  @Test
  void skipsRecordsWithoutType() {
    var record = Samples.record(EventTypes.TASK_CREATED, "3", bytes("{}"));
    Samples.header(record, CloudEventHeaders.TYPE, null);

    assertThat(reader.read(record)).isEmpty();
    assertThat(skipped("missing_type", "none")).isEqualTo(1.0);
  }

  @Test
  void skipsAnotherCloudEventsSpecVersion() {
    var record = Samples.record(EventTypes.TASK_CREATED, "3", bytes("{}"));
    Samples.header(record, CloudEventHeaders.SPEC_VERSION, "2.0");

    assertThat(reader.read(record)).isEmpty();
    assertThat(skipped("unsupported_specversion", EventTypes.TASK_CREATED)).isEqualTo(1.0);
  }

  @Test
  void skipsWithoutMetricsWhenNoRegistryIsGiven() {
    var plain = new EventReader(mapper);

    assertThat(plain.read(Samples.record("other.v1", "1", bytes("garbage")))).isEmpty();
  }

  @Test
  void garbagePayloadOfAKnownTypeIsMalformed() {
    var record = Samples.record(EventTypes.TASK_CREATED, "3", bytes("{not json"));

    assertThatThrownBy(() -> reader.read(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("not JSON")
        .satisfies(
            e -> {
              var malformed = (MalformedEventException) e;
              assertThat(malformed.type()).isEqualTo(EventTypes.TASK_CREATED);
              assertThat(malformed.eventId()).isEqualTo("6f1c2a8e-0b7d-4c1e-9a55-3d2f0c9e7b11");
            });
    assertThat(registry.get(EventReader.MALFORMED_METRIC).counter().count()).isEqualTo(1.0);
  }

  @Test
  void missingRequiredPropertyIsMalformed() {
    String json = "{\"taskId\":12,\"projectId\":3,\"status\":\"todo\",\"version\":0}";
    var record = Samples.record(EventTypes.TASK_CREATED, "3", bytes(json));

    assertThatThrownBy(() -> reader.read(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("[name, priority]");
  }

  @Test
  void nullInARequiredPrimitiveIsMalformed() {
    String json = "{\"entryId\":null,\"userId\":7,\"projectId\":3,\"source\":\"gcal\"}";
    var record = Samples.record(EventTypes.TIME_ENTRY_DELETED, "7", bytes(json));

    assertThatThrownBy(() -> reader.read(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("[entryId]");
  }

  @Test
  void wrongValueTypeIsMalformed() {
    String json = "{\"entryId\":\"forty-two\",\"userId\":7,\"projectId\":3,\"source\":\"gcal\"}";
    var record = Samples.record(EventTypes.TIME_ENTRY_DELETED, "7", bytes(json));

    assertThatThrownBy(() -> reader.read(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("does not fit");
  }

  @Test
  void jsonArrayPayloadIsMalformed() {
    var record = Samples.record(EventTypes.TASK_UPDATED, "3", bytes("[1,2]"));

    assertThatThrownBy(() -> reader.read(record)).isInstanceOf(MalformedEventException.class);
  }

  @Test
  void emptyPayloadIsMalformed() {
    var record = Samples.record(EventTypes.TASK_UPDATED, "3", null);

    assertThatThrownBy(() -> reader.read(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("no payload");
  }

  @Test
  void knownTypeWithoutIdIsMalformed() throws Exception {
    var record =
        Samples.record(
            EventTypes.TASK_CREATED,
            "3",
            mapper.writeValueAsBytes(Samples.BY_TYPE.get(EventTypes.TASK_CREATED)));
    Samples.header(record, CloudEventHeaders.ID, null);

    assertThatThrownBy(() -> reader.read(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("no ce_id");
  }

  @Test
  void unparseableTimeIsMalformed() throws Exception {
    var record =
        Samples.record(
            EventTypes.TASK_CREATED,
            "3",
            mapper.writeValueAsBytes(Samples.BY_TYPE.get(EventTypes.TASK_CREATED)));
    Samples.header(record, CloudEventHeaders.TIME, "yesterday");

    assertThatThrownBy(() -> reader.read(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("ce_time");
  }

  @Test
  void nonJsonContentTypeIsMalformed() {
    var record = Samples.record(EventTypes.TASK_CREATED, "3", bytes("<task/>"));
    Samples.header(record, CloudEventHeaders.CONTENT_TYPE, "application/xml");

    assertThatThrownBy(() -> reader.read(record)).isInstanceOf(MalformedEventException.class);
  }

  private double skipped(String reason, String type) {
    return registry
        .get(EventReader.SKIPPED_METRIC)
        .tag("reason", reason)
        .tag("type", type)
        .counter()
        .count();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
