package io.timetracker.timer.rest.openapi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Drops the generic {@code Page} schema ({@code PageDto} of contracts, registered by its
 * {@code @Schema} annotation) while no operation uses it: every page the API answers has a named
 * record ({@code TimeEntryPage}), and a stray {@code Page} would become a meaningless class in
 * generated clients. A {@code Page} that something does reference stays.
 */
final class UnusedPageSchemas {
  private static final Pattern GENERIC_PAGE = Pattern.compile("Page\\d*");
  private static final String PREFIX = "#/components/schemas/";

  private UnusedPageSchemas() {}

  static void remove(OpenAPI openAPI) {
    Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
    if (schemas == null) {
      return;
    }
    Set<String> used = new HashSet<>();
    if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
      openAPI
          .getPaths()
          .getPathItems()
          .values()
          .forEach(
              item -> {
                if (item.getOperations() != null) {
                  item.getOperations().values().forEach(op -> collect(op, used));
                }
              });
    }
    schemas.forEach(
        (name, schema) -> {
          if (!GENERIC_PAGE.matcher(name).matches()) {
            collect(schema, used);
          }
        });
    schemas.keySet().stream()
        .filter(name -> GENERIC_PAGE.matcher(name).matches() && !used.contains(name))
        .toList()
        .forEach(openAPI.getComponents()::removeSchema);
  }

  private static void collect(Operation op, Set<String> used) {
    if (op.getParameters() != null) {
      for (Parameter p : op.getParameters()) {
        collect(p.getSchema(), used);
      }
    }
    if (op.getRequestBody() != null) {
      collect(op.getRequestBody().getContent(), used);
    }
    if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
      op.getResponses().getAPIResponses().values().forEach(r -> collect(r.getContent(), used));
    }
  }

  private static void collect(Content content, Set<String> used) {
    if (content != null && content.getMediaTypes() != null) {
      content.getMediaTypes().values().forEach(m -> collect(m.getSchema(), used));
    }
  }

  private static void collect(Schema schema, Set<String> used) {
    if (schema == null) {
      return;
    }
    if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
      used.add(schema.getRef().substring(PREFIX.length()));
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(s -> collect(s, used));
    }
    collect(schema.getItems(), used);
    collect(schema.getAdditionalPropertiesSchema(), used);
    for (List<Schema> list : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
      if (list != null) {
        list.forEach(s -> collect(s, used));
      }
    }
  }
}
