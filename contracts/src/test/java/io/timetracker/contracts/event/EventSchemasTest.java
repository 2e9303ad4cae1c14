package io.timetracker.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {
  private final ObjectMapper mapper = Samples.quarkusLikeMapper();

  static Iterable<String> types() {
    return EventTypes.PAYLOADS.keySet();
  }

  static List<Arguments> requiredProperties() {
    List<Arguments> cases = new ArrayList<>();
    EventTypes.PAYLOADS
        .keySet()
        .forEach(t -> EventSchemas.required(t).forEach(p -> cases.add(Arguments.of(t, p))));
    return cases;
  }

  @Test
  void everyTypeHasASchemaAndASample() {
    assertThat(EventTypes.PAYLOADS.keySet())
        .allSatisfy(t -> assertThat(EventSchemas.schema(t).path("title").asText()).isNotEmpty())
        .containsExactlyInAnyOrderElementsOf(Samples.BY_TYPE.keySet());
  }

  @ParameterizedTest
  @MethodSource("types")
  void schemaIsAValidDraft202012Schema(String type) throws Exception {
    JsonNode schema = EventSchemas.schema(type);

    assertThat(SchemaValidation.metaSchemaErrors(mapper.writeValueAsString(schema))).isEmpty();
    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("additionalProperties").asBoolean()).isTrue();
    assertThat(schema.path("description").asText()).contains("Evolution rule", ".v2");
  }

  @ParameterizedTest
  @MethodSource("types")
  void schemaDescribesExactlyTheRecordComponents(String type) {
    JsonNode schema = EventSchemas.schema(type);
    RecordComponent[] components = EventTypes.PAYLOADS.get(type).getRecordComponents();

    assertThat(fieldNames(schema.path("properties")))
        .containsExactlyElementsOf(
            Arrays.stream(components).map(RecordComponent::getName).toList());
    for (RecordComponent c : components) {
      boolean required = EventSchemas.required(type).contains(c.getName());
      JsonNode declaredType = schema.path("properties").path(c.getName()).path("type");
      if (c.getType().isPrimitive()) {
        assertThat(required).as("%s.%s is primitive", type, c.getName()).isTrue();
      }
      assertThat(declaredType.toString().contains("null"))
          .as("%s.%s is nullable exactly when it is not required", type, c.getName())
          .isEqualTo(!required);
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void sampleSerialisedLikeQuarkusIsValid(String type) throws Exception {
    String json = mapper.writeValueAsString(Samples.BY_TYPE.get(type));

    assertThat(SchemaValidation.errors(type, json)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("types")
  void sampleWithoutNullPropertiesAndWithAnAddedOneIsValid(String type) throws Exception {
    ObjectNode json = mapper.valueToTree(Samples.BY_TYPE.get(type));
    json.properties().removeIf(e -> e.getValue().isNull());
    json.put("addedInALaterRevision", "ok");

    assertThat(SchemaValidation.errors(type, json.toString())).isEmpty();
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("requiredProperties")
  void rejectsPayloadMissingARequiredProperty(String type, String property) {
    ObjectNode json = mapper.valueToTree(Samples.BY_TYPE.get(type));
    json.remove(property);

    assertThat(SchemaValidation.errors(type, json.toString()))
        .extracting(e -> e.getKeyword())
        .contains("required");
  }

  @Test
  void rejectsInstantWrittenAsNumber() {
    ObjectNode json = mapper.valueToTree(Samples.BY_TYPE.get(EventTypes.TIME_ENTRY_STARTED));
    json.put("start", 1772439300);

    assertThat(SchemaValidation.errors(EventTypes.TIME_ENTRY_STARTED, json.toString()))
        .isNotEmpty();
  }

  @Test
  void rejectsInstantThatIsNotADateTime() {
    ObjectNode json = mapper.valueToTree(Samples.BY_TYPE.get(EventTypes.TIME_ENTRY_STARTED));
    json.put("start", "yesterday at nine");

    assertThat(SchemaValidation.errors(EventTypes.TIME_ENTRY_STARTED, json.toString()))
        .extracting(e -> e.getKeyword())
        .contains("format");
  }

  @Test
  void rejectsUnknownTaskStatus() {
    ObjectNode json = mapper.valueToTree(Samples.BY_TYPE.get(EventTypes.TASK_STATUS_CHANGED));
    json.put("status", "finished");

    assertThat(SchemaValidation.errors(EventTypes.TASK_STATUS_CHANGED, json.toString()))
        .extracting(e -> e.getKeyword())
        .contains("enum");
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
