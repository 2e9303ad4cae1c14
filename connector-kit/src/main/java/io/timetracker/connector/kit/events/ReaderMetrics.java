package io.timetracker.connector.kit.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.regex.Pattern;

/** The reader's counters; does nothing without a registry. */
final class ReaderMetrics {
  private static final Pattern SAFE_TAG = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final MeterRegistry registry;

  ReaderMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void skipped(String reason, String type) {
    if (registry != null) {
      Counter.builder(EventReader.SKIPPED_METRIC)
          .description("Kafka records skipped because this consumer cannot read their type")
          .tag("reason", reason)
          .tag("type", tagValue(type))
          .register(registry)
          .increment();
    }
  }

  void malformed(String type) {
    if (registry != null) {
      Counter.builder(EventReader.MALFORMED_METRIC)
          .description("Kafka records of a known type that could not be read")
          .tag("type", tagValue(type))
          .register(registry)
          .increment();
    }
  }

  // tag values come from the wire: keep them short and from a safe alphabet
  private static String tagValue(String type) {
    if (type == null || type.isBlank()) {
      return "none";
    }
    return SAFE_TAG.matcher(type).matches() ? type : "invalid";
  }
}
