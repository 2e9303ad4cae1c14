package io.timetracker.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The one YAML reader of these tests: an unknown field anywhere is an error. fabric8's and
 * Strimzi's models keep unknown fields in an {@code additionalProperties} map through
 * {@code @JsonAnySetter}; that catch-all is switched off here so a misspelt or misplaced field
 * fails the parse instead of disappearing.
 */
final class StrictYaml {

  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .setAnnotationIntrospector(new NoAnySetter())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private StrictYaml() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Ignores {@code @JsonAnySetter}, so unknown properties reach FAIL_ON_UNKNOWN_PROPERTIES. */
  private static final class NoAnySetter extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAnySetter(Annotated a) {
      return Boolean.FALSE;
    }
  }
}
