package io.timetracker.contracts.event;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/** Validates JSON documents against the event schemas with networknt, formats asserted. */
public final class SchemaValidation {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private SchemaValidation() {}

  /** The schema of an event type, read from the classpath as consumers see it. */
  public static Schema schemaOf(String type) {
    return REGISTRY.getSchema(SchemaLocation.of("classpath:" + EventTypes.schemaResource(type)));
  }

  /** Errors of a JSON payload against the schema of its type; empty when valid. */
  public static List<Error> errors(String type, String json) {
    return schemaOf(type).validate(json, InputFormat.JSON);
  }

  /** Errors of a schema document against the JSON Schema 2020-12 meta-schema. */
  public static List<Error> metaSchemaErrors(String schemaJson) {
    return REGISTRY
        .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"))
        .validate(schemaJson, InputFormat.JSON);
  }
}
