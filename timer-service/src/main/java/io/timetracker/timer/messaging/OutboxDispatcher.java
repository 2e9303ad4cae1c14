package io.timetracker.timer.messaging;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;

/**
 * Publishes one batch of pending outbox rows in one database transaction: claim (row locks, {@code
 * SKIP LOCKED}), send to Kafka, wait for every acknowledgement, mark the acknowledged rows
 * published, commit. Blocking: runs on the relay's own thread, never on an event loop. Any number
 * of dispatchers (replicas) may work on one outbox at the same time.
 *
 * <p>Ordering: a row is claimed only if no earlier row of its topic and key is still pending
 * outside this claim. An earlier row locked by another dispatcher is being published right now;
 * waiting for it (skipping the key this round) keeps each key's rows in id order on Kafka. The
 * other dispatcher commits its marks only after the broker acknowledged, so once the earlier row
 * reads as published here, it is on Kafka.
 */
public final class OutboxDispatcher {
  static final String CLAIM =
      """
      WITH claimed AS MATERIALIZED (
        SELECT id FROM outbox
        WHERE published_at IS NULL
        ORDER BY id
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
      SELECT o.id, o.event_id, o.topic, o.message_key, o.ce_type, o.ce_source, o.ce_subject,
             o.ce_time, o.traceparent, o.payload::text AS payload
      FROM outbox o
      JOIN claimed c ON c.id = o.id
      WHERE NOT EXISTS (
        SELECT 1 FROM outbox p
        WHERE p.published_at IS NULL
          AND p.topic = o.topic
          AND p.message_key = o.message_key
          AND p.id < o.id
          AND p.id NOT IN (SELECT id FROM claimed))
      ORDER BY o.id
      """;
  private static final String MARK_PUBLISHED =
      "UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL"
          + " WHERE id = ANY($1)";
  private static final String MARK_FAILED =
      "UPDATE outbox SET attempts = attempts + 1, last_error = left($2, 1000) WHERE id = $1";
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  private final Pool pool;
  private final OutboxSender sender;
  private final int batchSize;
  private final OutboxMetrics metrics;

  public OutboxDispatcher(
      Pool pool,
      Producer<String, byte[]> producer,
      int batchSize,
      Duration ackTimeout,
      OutboxMetrics metrics) {
    this.pool = pool;
    this.sender = new OutboxSender(producer, ackTimeout);
    this.batchSize = batchSize;
    this.metrics = metrics;
  }

  /** What one round did. */
  public record Result(int claimed, int published, String error) {
    static final Result NOTHING = new Result(0, 0, null);

    /** Whether a publish failed: the caller backs off before the next round. */
    public boolean failed() {
      return error != null;
    }
  }

  /** Claims, publishes and marks one batch; throws if the database fails (nothing is marked). */
  public Result dispatchOnce() {
    SqlConnection conn = pool.getConnection().await().atMost(DB_TIMEOUT);
    Transaction tx = null;
    try {
      tx = conn.begin().await().atMost(DB_TIMEOUT);
      List<OutboxRecord> claimed = claim(conn);
      if (claimed.isEmpty()) {
        tx.commit().await().atMost(DB_TIMEOUT);
        return Result.NOTHING;
      }
      OutboxSender.Outcome outcome = sender.publish(claimed);
      if (!outcome.published().isEmpty()) {
        Long[] ids = outcome.published().stream().map(OutboxRecord::id).toArray(Long[]::new);
        conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).await().atMost(DB_TIMEOUT);
      }
      if (outcome.firstFailure() != null) {
        conn.preparedQuery(MARK_FAILED)
            .execute(Tuple.of(outcome.firstFailure().id(), outcome.error()))
            .await()
            .atMost(DB_TIMEOUT);
      }
      tx.commit().await().atMost(DB_TIMEOUT);
      count(outcome);
      return new Result(claimed.size(), outcome.published().size(), outcome.error());
    } catch (RuntimeException e) {
      if (tx != null) {
        tx.rollbackAndForget();
      }
      throw e;
    } finally {
      conn.closeAndForget();
    }
  }

  private List<OutboxRecord> claim(SqlConnection conn) {
    List<OutboxRecord> rows = new ArrayList<>();
    for (Row row :
        conn.preparedQuery(CLAIM).execute(Tuple.of(batchSize)).await().atMost(DB_TIMEOUT)) {
      rows.add(OutboxRecord.of(row));
    }
    return rows;
  }

  private void count(OutboxSender.Outcome outcome) {
    outcome.published().stream()
        .collect(Collectors.groupingBy(OutboxRecord::topic, Collectors.counting()))
        .forEach((topic, n) -> metrics.published(topic, n.intValue()));
    if (outcome.firstFailure() != null) {
      metrics.failed(outcome.firstFailure().topic());
    }
  }
}
