package io.timetracker.timer.messaging;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.service.ApiException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Re-publishes retained events for a consumer that lost its state: marks published outbox rows
 * pending again, and the relay sends them once more in id order with their original {@code ce_id}
 * (idempotent consumers skip what they already processed). Only rows inside the retention window
 * ({@code timer.outbox.retention}) can be replayed; rows still pending are published anyway and not
 * counted.
 */
@ApplicationScoped
public class OutboxReplay {
  private static final String REQUEUE =
      "UPDATE outbox SET published_at = NULL, requeued_at = now()"
          + " WHERE published_at IS NOT NULL AND ($1::varchar IS NULL OR topic = $1) AND ";
  private static final String RANGE = REQUEUE + "ce_time >= $2 AND ce_time < $3";
  private static final String FROM_ID = REQUEUE + "id >= $2";
  private static final String ID_OF = "SELECT id FROM outbox WHERE event_id = $1";

  private final Pool pool;
  private final OutboxRelay relay;
  private final OutboxMetrics metrics;

  public OutboxReplay(Pool pool, OutboxRelay relay, OutboxMetrics metrics) {
    this.pool = pool;
    this.relay = relay;
    this.metrics = metrics;
  }

  /** Requeues the events with {@code from <= ce_time < to}, optionally of one topic. */
  public Uni<Integer> timeRange(Instant from, Instant to, String topic) {
    return requeue(
        pool.preparedQuery(RANGE)
            .execute(Tuple.of(topic, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))));
  }

  /** Requeues this event and every later one (by outbox order), optionally of one topic. */
  public Uni<Integer> fromEvent(UUID eventId, String topic) {
    return pool.preparedQuery(ID_OF)
        .execute(Tuple.of(eventId))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("id") : null)
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ApiException.notFound(
                    "event_not_found",
                    "No retained event " + eventId + " (pruned, or never written)."))
        .chain(id -> requeue(pool.preparedQuery(FROM_ID).execute(Tuple.of(topic, id))));
  }

  private Uni<Integer> requeue(Uni<RowSet<Row>> update) {
    return update.map(RowSet::rowCount).invoke(metrics::requeued).invoke(relay::wake);
  }
}
