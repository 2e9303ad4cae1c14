package io.timetracker.timer.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbox metrics: backlog size and age of the oldest unpublished row (gauges, refreshed from the
 * database by the relay's sweep, so a scrape never queries), published / failed / requeued
 * counters.
 */
@ApplicationScoped
public class OutboxMetrics {
  static final String BACKLOG = "tt.outbox.backlog";
  static final String OLDEST_AGE = "tt.outbox.oldest.unpublished.age";
  static final String PUBLISHED = "tt.outbox.published";
  static final String FAILED = "tt.outbox.failed";
  static final String REQUEUED = "tt.outbox.requeued";

  private static final String STATS =
      """
      SELECT count(*) AS backlog,
             COALESCE(EXTRACT(EPOCH FROM now() - min(COALESCE(requeued_at, created_at))), 0)
               AS oldest_age
      FROM outbox WHERE published_at IS NULL
      """;

  private final MeterRegistry registry;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();

  public OutboxMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(BACKLOG, backlog, AtomicLong::get)
        .description("Outbox rows not yet published to Kafka")
        .baseUnit("events")
        .register(registry);
    Gauge.builder(OLDEST_AGE, oldestAgeSeconds, AtomicLong::get)
        .description("Age of the oldest outbox row not yet published (0 when none)")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Events the broker acknowledged. */
  void published(String topic, int count) {
    counter(PUBLISHED, topic, "Outbox events published to Kafka").increment(count);
  }

  /** Publish attempts that failed (the row stays pending and is retried). */
  void failed(String topic) {
    counter(FAILED, topic, "Outbox publish attempts that failed").increment();
  }

  /** Published events marked pending again by a replay. */
  void requeued(int count) {
    Counter.builder(REQUEUED)
        .description("Published outbox events requeued by a replay")
        .register(registry)
        .increment(count);
  }

  /** Reads backlog and oldest age from the database into the gauges. */
  Uni<Void> refresh(Pool pool) {
    return pool.query(STATS)
        .execute()
        .invoke(
            rows -> {
              Row row = rows.iterator().next();
              backlog.set(row.getLong("backlog"));
              oldestAgeSeconds.set(Math.round(row.getDouble("oldest_age")));
            })
        .replaceWithVoid();
  }

  /** Current backlog as last refreshed. */
  long backlog() {
    return backlog.get();
  }

  private Counter counter(String name, String topic, String description) {
    return Counter.builder(name).description(description).tag("topic", topic).register(registry);
  }
}
