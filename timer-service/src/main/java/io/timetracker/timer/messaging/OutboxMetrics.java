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
 * Outbox metrics: backlog size, age of the oldest unpublished row and parked rows (gauges,
 * refreshed from the database by the relay's sweep, so a scrape never queries), published / failed
 * / parked / requeued counters. Alert on {@code tt.outbox.parked > 0}: those events reach no
 * consumer until an admin replays them.
 */
@ApplicationScoped
public class OutboxMetrics {
  static final String BACKLOG = "tt.outbox.backlog";
  static final String OLDEST_AGE = "tt.outbox.oldest.unpublished.age";
  static final String PUBLISHED = "tt.outbox.published";
  static final String FAILED = "tt.outbox.failed";
  static final String REQUEUED = "tt.outbox.requeued";
  static final String PARKED = "tt.outbox.parked";
  static final String PARKINGS = "tt.outbox.parkings";

  private static final String STATS =
      """
      SELECT count(*) FILTER (WHERE parked_at IS NULL) AS backlog,
             COALESCE(EXTRACT(EPOCH FROM now() - min(COALESCE(requeued_at, created_at))
               FILTER (WHERE parked_at IS NULL)), 0) AS oldest_age,
             count(*) FILTER (WHERE parked_at IS NOT NULL) AS parked
      FROM outbox WHERE published_at IS NULL
      """;

  private final MeterRegistry registry;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();
  private final AtomicLong parked = new AtomicLong();

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
    Gauge.builder(PARKED, parked, AtomicLong::get)
        .description("Outbox rows parked: the broker refused them; replay them once fixed")
        .baseUnit("events")
        .register(registry);
  }

  /** Events the broker acknowledged. */
  void published(String topic, int count) {
    counter(PUBLISHED, topic, "Outbox events published to Kafka").increment(count);
  }

  /** Publish attempts that failed (the row stays pending and is retried, or is parked). */
  void failed(String topic) {
    counter(FAILED, topic, "Outbox publish attempts that failed").increment();
  }

  /** A row the relay gave up on, by topic and why ({@code rejected} or {@code failed}). */
  void parked(String topic, PublishFailure.Kind kind) {
    Counter.builder(PARKINGS)
        .description("Outbox rows parked by the relay")
        .tag("topic", topic)
        .tag("reason", kind.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
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
              parked.set(row.getLong("parked"));
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
