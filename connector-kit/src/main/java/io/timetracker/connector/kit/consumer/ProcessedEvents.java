package io.timetracker.connector.kit.consumer;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The idempotent-consumer log for consumers on Hibernate Reactive (Panache): a row in {@code
 * processed_event} written in the same transaction as the consumer's own effect, so an event is
 * applied at most once per database however often Kafka delivers it.
 *
 * <pre>{@code
 * @Incoming("time-entry-events-in")
 * @WithTransaction
 * public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
 *   return reader.read(record)
 *       .map(event -> Panache.getSession()
 *           .chain(session -> ProcessedEvents.firstTime(session, event.id()))
 *           .chain(first -> first ? apply(event) : Uni.createFrom().voidItem()))
 *       .orElse(Uni.createFrom().voidItem());
 * }
 * }</pre>
 *
 * The table comes from {@code db/changelog/connector-kit/processed-event.xml} in this jar. It holds
 * one row per event id and database, so two handlers of the same event in one service share one
 * transaction. {@link SqlClientProcessedEvents} does the same on a plain Vert.x SQL connection.
 */
public final class ProcessedEvents {
  /** Table name, as created by {@code db/changelog/connector-kit/processed-event.xml}. */
  public static final String TABLE = "processed_event";

  // ON CONFLICT DO NOTHING waits for a concurrent transaction holding the same id: once it commits
  // this insert counts 0 rows (already processed), if it rolls back this one inserts
  static final String INSERT =
      "INSERT INTO processed_event (event_id, processed_at) VALUES (:eventId, now())"
          + " ON CONFLICT (event_id) DO NOTHING";
  static final String PRUNE =
      "DELETE FROM processed_event WHERE processed_at < now() - CAST(CAST(:retention AS text)"
          + " AS interval)";

  private ProcessedEvents() {}

  /**
   * Records the event as processed in the session's current transaction; true the first time, false
   * when the event was already processed (then skip the effect and acknowledge).
   */
  public static Uni<Boolean> firstTime(Mutiny.Session session, String eventId) {
    return session
        .createNativeQuery(INSERT)
        .setParameter("eventId", eventId)
        .executeUpdate()
        .map(inserted -> inserted == 1);
  }

  /**
   * Deletes rows older than the retention; keep it longer than the core's outbox retention ({@code
   * timer.outbox.retention}, 7 days), or a replay re-applies events whose rows were pruned.
   */
  public static Uni<Integer> prune(Mutiny.Session session, Duration retention) {
    return session
        .createNativeQuery(PRUNE)
        .setParameter("retention", retention.toString())
        .executeUpdate();
  }
}
