package io.timetracker.timer.messaging;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.timetracker.contracts.event.EventTypes;
import java.util.List;

/** Validates payloads against the JSON Schemas that contracts ships (formats asserted). */
final class SchemaCheck {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private SchemaCheck() {}

  /** Errors of a payload against the schema of its CloudEvents type; empty when valid. */
  static List<Error> errors(String type, String json) {
    return REGISTRY
        .getSchema(SchemaLocation.of("classpath:" + EventTypes.schemaResource(type)))
        .validate(json, InputFormat.JSON);
  }
}
