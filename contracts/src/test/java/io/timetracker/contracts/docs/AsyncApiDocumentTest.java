package io.timetracker.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.contracts.event.SchemaValidation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/events/asyncapi.yaml} is valid AsyncAPI 3.0.0 (official JSON Schema, vendored), its
 * payloads are the JSON Schema files in contracts, and it describes every event type.
 */
class AsyncApiDocumentTest {
  private static final Path DOCUMENT = Path.of("../docs/events/asyncapi.yaml");
  private static final Path SCHEMAS = Path.of("src/main/resources/schemas");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode doc;

  @BeforeAll
  static void load() throws IOException {
    doc = new YAMLMapper().readTree(DOCUMENT.toFile());
  }

  static Iterable<String> types() {
    return EventTypes.PAYLOADS.keySet();
  }

  @Test
  void isAsyncApi300() {
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
  }

  @Test
  void validatesAgainstTheOfficialAsyncApi300Schema() throws IOException {
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/asyncapi-3.0.0-schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }

    assertThat(schema.validate(JSON.writeValueAsString(doc), InputFormat.JSON)).isEmpty();
  }

  @Test
  void officialSchemaRejectsABrokenDocument() throws IOException {
    var broken = doc.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            broken.path("operations").path("publishTaskEvents"))
        .put("action", "publish");
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/asyncapi-3.0.0-schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }

    assertThat(schema.validate(JSON.writeValueAsString(broken), InputFormat.JSON)).isNotEmpty();
  }

  @Test
  void everyRefResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);

    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(
            ref -> {
              if (ref.startsWith("#")) {
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
              } else {
                Path file = DOCUMENT.getParent().resolve(ref).normalize();
                assertThat(file).as(ref).isRegularFile();
                assertThat(file.toAbsolutePath().normalize())
                    .as("%s is one of the schema files contracts ships", ref)
                    .startsWith(SCHEMAS.toAbsolutePath().normalize());
              }
            });
  }

  @ParameterizedTest
  @MethodSource("types")
  void everyTypeIsAMessageWithItsSchemaOnItsTopicAndPublished(String type) {
    Map.Entry<String, JsonNode> message = message(type);
    String key = message.getKey();
    String channel = type.startsWith("timetracker.task.") ? "tasks" : "timeEntries";

    assertThat(message.getValue().path("payload").path("$ref").asText())
        .isEqualTo("../../contracts/src/main/resources/" + EventTypes.schemaResource(type));
    assertThat(doc.path("channels").path(channel).path("address").asText())
        .isEqualTo(EventTypes.topicOf(type).orElseThrow());
    assertThat(doc.path("channels").path(channel).path("messages").has(key)).isTrue();
    assertThat(doc.path("operations").toString())
        .contains("#/channels/" + channel + "/messages/" + key);
  }

  @ParameterizedTest
  @MethodSource("types")
  void examplesAreValidPayloadsAndHeaders(String type) throws IOException {
    JsonNode message = message(type).getValue();
    Schema headers =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(JSON.writeValueAsString(doc.at("/components/schemas/cloudEventsHeaders")));

    assertThat(message.path("examples")).isNotEmpty();
    for (JsonNode example : message.path("examples")) {
      assertThat(SchemaValidation.errors(type, JSON.writeValueAsString(example.path("payload"))))
          .isEmpty();
      assertThat(
              headers.validate(JSON.writeValueAsString(example.path("headers")), InputFormat.JSON))
          .isEmpty();
      assertThat(example.path("headers").path("ce_type").asText()).isEqualTo(type);
    }
  }

  @Test
  void channelsMatchTheLocalTopicsAndTheirDeadLetters() throws IOException {
    Map<String, Integer> topics =
        Files.readAllLines(Path.of("../deploy/local/topics.conf")).stream()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(l -> l.split("\\s+"))
            .collect(Collectors.toMap(p -> p[0], p -> Integer.parseInt(p[1])));
    Map<String, Integer> channels = new java.util.HashMap<>();
    doc.path("channels")
        .forEach(
            c ->
                channels.put(
                    c.path("address").asText(),
                    c.path("bindings").path("kafka").path("partitions").asInt()));

    assertThat(channels).isEqualTo(topics);
  }

  private static Map.Entry<String, JsonNode> message(String type) {
    List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
    doc.path("components")
        .path("messages")
        .fields()
        .forEachRemaining(
            e -> {
              if (type.equals(e.getValue().path("name").asText())) {
                found.add(e);
              }
            });
    assertThat(found).as("messages named %s", type).hasSize(1);
    return found.get(0);
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                  refs.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }
}
