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
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Re-publishes retained events for a consumer that lost its state: marks published outbox rows
 * pending again, and the relay sends them once more in id order with their original {@code ce_id}
 * (idempotent consumers skip what they already processed). Only rows inside the retention window
 * ({@code timer.outbox.retention}) can be replayed; rows still pending are published anyway and not
 * counted. Parked rows (refused by the broker) are requeued by a replay that covers them, or one by
 * one with {@link #parked(UUID)}; they are never pruned.
 */
@ApplicationScoped
public class OutboxReplay {
  private static final String REQUEUE =
      "UPDATE outbox SET published_at = NULL, parked_at = NULL, failures = 0, requeued_at = now()"
          + " WHERE (published_at IS NOT NULL OR parked_at IS NOT NULL)"
          + " AND ($1::varchar IS NULL OR topic = $1) AND ";
  private static final String RANGE = REQUEUE + "ce_time >= $2 AND ce_time < $3";
  private static final String FROM_ID = REQUEUE + "id >= $2";
  private static final String ID_OF = "SELECT id FROM outbox WHERE event_id = $1";
  private static final String UNPARK =
      "UPDATE outbox SET parked_at = NULL, failures = 0, requeued_at = now()"
          + " WHERE event_id = $1 AND parked_at IS NOT NULL";
  private static final String LIST_PARKED =
      "SELECT event_id, topic, message_key, ce_type, ce_subject, attempts, last_error, parked_at"
          + " FROM outbox WHERE parked_at IS NOT NULL ORDER BY id LIMIT $1";

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

  /** Puts one parked event back in line; it is published after the rows pending before it. */
  public Uni<Integer> parked(UUID eventId) {
    return requeue(pool.preparedQuery(UNPARK).execute(Tuple.of(eventId)))
        .invoke(
            n -> {
              if (n == 0) {
                throw ApiException.notFound(
                    "event_not_parked", "No parked event " + eventId + " (published, or unknown).");
              }
            });
  }

  /** The parked events, oldest first, at most {@code limit}. */
  public Uni<List<ParkedEvent>> listParked(int limit) {
    return pool.preparedQuery(LIST_PARKED)
        .execute(Tuple.of(limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(ParkedEvent::of).toList());
  }

  /** A parked event as an admin sees it: what it is and why the broker refused it. */
  @Schema(name = "ParkedEvent")
  public record ParkedEvent(
      UUID eventId,
      String topic,
      String key,
      String type,
      String subject,
      int attempts,
      String lastError,
      Instant parkedAt) {
    static ParkedEvent of(Row r) {
      return new ParkedEvent(
          r.getUUID("event_id"),
          r.getString("topic"),
          r.getString("message_key"),
          r.getString("ce_type"),
          r.getString("ce_subject"),
          r.getInteger("attempts"),
          r.getString("last_error"),
          r.getOffsetDateTime("parked_at").toInstant());
    }
  }

  private Uni<Integer> requeue(Uni<RowSet<Row>> update) {
    return update.map(RowSet::rowCount).invoke(metrics::requeued).invoke(relay::wake);
  }
}
