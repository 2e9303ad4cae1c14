package io.timetracker.connector.kit.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.CoreEvent;
import io.timetracker.contracts.event.EventSchemas;
import io.timetracker.contracts.event.EventTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Turns a Kafka record of the core's topics (CloudEvents binary mode) into a {@link ReadEvent}.
 *
 * <ul>
 *   <li>No {@code ce_type}, a type this version of contracts does not know, another version of a
 *       known type (e.g. {@code .v2}) or another CloudEvents spec version: {@link
 *       Optional#empty()}, counted in {@value #SKIPPED_METRIC} (tags {@code reason}, {@code type}),
 *       logged at debug. The consumer acknowledges the record and moves on.
 *   <li>A known type that cannot be read (no {@code ce_id} or {@code ce_source}, no payload, not
 *       JSON, a property its JSON Schema requires missing or null, a value of the wrong type):
 *       {@link MalformedEventException}, counted in {@value #MALFORMED_METRIC}. The consumer lets
 *       it fail the message, and the dead-letter strategy parks the record on {@code <topic>.dlq}.
 * </ul>
 *
 * Properties the payload record does not have are ignored whatever the given mapper is configured
 * to do, so producers can add optional properties without breaking older consumers. Thread-safe.
 */
public final class EventReader {
  /** Counter of records skipped because this consumer cannot read their type. */
  public static final String SKIPPED_METRIC = "tt.events.skipped";

  /** Counter of records of a known type that could not be read. */
  public static final String MALFORMED_METRIC = "tt.events.malformed";

  private static final Logger LOG = Logger.getLogger(EventReader.class);
  private static final Pattern VERSIONED = Pattern.compile("(.+)\\.v\\d+");
  private static final Set<String> FAMILIES =
      EventTypes.PAYLOADS.keySet().stream().map(EventReader::family).collect(Collectors.toSet());

  private final ObjectMapper mapper;
  private final ReaderMetrics metrics;

  /** A reader without metrics; {@code mapper} must read {@code java.time} (Quarkus's does). */
  public EventReader(ObjectMapper mapper) {
    this(mapper, null);
  }

  /** A reader that counts what it skips or cannot read in {@code registry} (may be null). */
  public EventReader(ObjectMapper mapper, MeterRegistry registry) {
    this.mapper = mapper;
    this.metrics = new ReaderMetrics(registry);
  }

  /** Reads a record whose value is the payload as bytes or as a string. */
  public Optional<ReadEvent> read(ConsumerRecord<String, ?> record) {
    Object value = record.value();
    byte[] bytes;
    if (value == null || value instanceof byte[]) {
      bytes = (byte[]) value;
    } else if (value instanceof String text) {
      bytes = text.getBytes(StandardCharsets.UTF_8);
    } else {
      throw new IllegalArgumentException(
          "configure the channel with a byte[] or String value deserializer, not one giving "
              + value.getClass().getName());
    }
    return read(record.headers(), record.key(), bytes);
  }

  /** Reads an event from its headers, record key and payload bytes. */
  public Optional<ReadEvent> read(Headers headers, String key, byte[] value) {
    String type = header(headers, CloudEventHeaders.TYPE);
    Optional<String> skip = skipReason(type, header(headers, CloudEventHeaders.SPEC_VERSION));
    if (skip.isPresent()) {
      LOG.debugf("skipping event of type %s: %s", type, skip.get());
      metrics.skipped(skip.get(), type);
      return Optional.empty();
    }
    try {
      return Optional.of(readKnown(type, headers, key, value));
    } catch (MalformedEventException e) {
      LOG.debugf("malformed event: %s", e.getMessage());
      metrics.malformed(type);
      throw e;
    }
  }

  private static Optional<String> skipReason(String type, String specVersion) {
    if (type == null || type.isBlank()) {
      return Optional.of("missing_type");
    }
    if (!EventTypes.PAYLOADS.containsKey(type)) {
      return Optional.of(FAMILIES.contains(family(type)) ? "unsupported_version" : "unknown_type");
    }
    if (specVersion != null && !CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
      return Optional.of("unsupported_specversion");
    }
    return Optional.empty();
  }

  private ReadEvent readKnown(String type, Headers headers, String key, byte[] value) {
    String id = header(headers, CloudEventHeaders.ID);
    if (id == null || id.isBlank()) {
      throw malformed(type, null, "no " + CloudEventHeaders.ID + " header", null);
    }
    String source = header(headers, CloudEventHeaders.SOURCE);
    if (source == null || source.isBlank()) {
      throw malformed(type, id, "no " + CloudEventHeaders.SOURCE + " header", null);
    }
    String contentType = header(headers, CloudEventHeaders.CONTENT_TYPE);
    if (contentType != null && !isJson(contentType)) {
      throw malformed(type, id, "content-type " + contentType + " is not JSON", null);
    }
    if (value == null || value.length == 0) {
      throw malformed(type, id, "no payload", null);
    }
    return new ReadEvent(
        id,
        type,
        source,
        header(headers, CloudEventHeaders.SUBJECT),
        time(type, id, header(headers, CloudEventHeaders.TIME)),
        key,
        header(headers, CloudEventHeaders.TRACEPARENT),
        payload(type, id, value));
  }

  private CoreEvent payload(String type, String id, byte[] value) {
    JsonNode tree;
    try {
      tree = mapper.readTree(value);
    } catch (IOException e) {
      throw malformed(type, id, "payload is not JSON", e);
    }
    if (tree == null || !tree.isObject()) {
      throw malformed(type, id, "payload is not a JSON object", null);
    }
    List<String> missing =
        EventSchemas.required(type).stream().filter(f -> !tree.hasNonNull(f)).sorted().toList();
    if (!missing.isEmpty()) {
      throw malformed(type, id, "required properties missing or null: " + missing, null);
    }
    try {
      return (CoreEvent)
          mapper
              .readerFor(EventTypes.PAYLOADS.get(type))
              .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(tree);
    } catch (JsonProcessingException e) {
      throw malformed(type, id, "payload does not fit its record: " + e.getOriginalMessage(), e);
    } catch (IOException | IllegalArgumentException e) {
      throw malformed(type, id, "payload does not fit its record", e);
    }
  }

  private static Instant time(String type, String id, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(type, id, CloudEventHeaders.TIME + " is not RFC 3339", e);
    }
  }

  private static boolean isJson(String contentType) {
    String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return media.equals("application/json") || media.endsWith("+json");
  }

  private static MalformedEventException malformed(
      String type, String id, String problem, Throwable cause) {
    String message = type + " event " + (id == null ? "without id" : id) + ": " + problem;
    return new MalformedEventException(type, id, message, cause);
  }

  private static String family(String type) {
    var m = VERSIONED.matcher(type);
    return m.matches() ? m.group(1) : type;
  }

  private static String header(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
