package io.timetracker.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The JSON Schemas shipped in contracts ({@code schemas/<type>.json}), the one source of truth for
 * payload shapes: tests validate payloads against them, {@link EventReader} enforces their {@code
 * required} lists, and {@code docs/events/asyncapi.yaml} references the same files.
 */
public final class EventSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

  private EventSchemas() {}

  /** The schema of a known type, parsed. */
  public static JsonNode schema(String type) {
    if (!EventTypes.PAYLOADS.containsKey(type)) {
      throw new IllegalArgumentException("not a type of the core's events: " + type);
    }
    return CACHE.computeIfAbsent(type, EventSchemas::load);
  }

  /** The properties a payload of this type must carry with a non-null value. */
  public static Set<String> required(String type) {
    return StreamSupport.stream(schema(type).path("required").spliterator(), false)
        .map(JsonNode::asText)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static JsonNode load(String type) {
    String resource = EventTypes.schemaResource(type);
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("JSON Schema missing from contracts: " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }
}
