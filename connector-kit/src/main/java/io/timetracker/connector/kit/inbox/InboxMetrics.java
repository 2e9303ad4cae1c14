package io.timetracker.connector.kit.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The runner's meters: {@code connector_inbox_backlog} (open deliveries), {@code
 * connector_inbox_oldest_age_seconds}, {@code connector_inbox_in_flight}, and counters {@code
 * connector_inbox_processed_total}, {@code …_failed_total} (attempts to be retried) and {@code
 * …_dead_total}.
 */
public final class InboxMetrics {

  private final Clock clock;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();
  private final Counter processed;
  private final Counter failed;
  private final Counter dead;

  /** Registers the meters. */
  InboxMetrics(MeterRegistry registry, Clock clock, IntSupplier inFlight) {
    this.clock = clock;
    Gauge.builder("connector_inbox_backlog", backlog, AtomicLong::get)
        .description("Deliveries received, failed (waiting for a retry) or being processed")
        .register(registry);
    Gauge.builder("connector_inbox_oldest_age_seconds", oldestAgeSeconds, AtomicLong::get)
        .description("Age of the oldest open delivery")
        .register(registry);
    Gauge.builder("connector_inbox_in_flight", inFlight, IntSupplier::getAsInt)
        .description("Deliveries this replica is processing now")
        .register(registry);
    processed = registry.counter("connector_inbox_processed_total");
    failed = registry.counter("connector_inbox_failed_total");
    dead = registry.counter("connector_inbox_dead_total");
  }

  void refreshed(InboxBacklog now) {
    backlog.set(now.open());
    oldestAgeSeconds.set(now.oldestAge(clock).toSeconds());
  }

  void finished(DeliveryStatus status) {
    switch (status) {
      case DONE -> processed.increment();
      case DEAD -> dead.increment();
      default -> failed.increment();
    }
  }
}
