package io.timetracker.timer.messaging;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

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
 * reads as published here, it is on Kafka. Once a row has failed while the broker was reachable,
 * only that row of its key is claimed until it is published or parked, so the rows behind it are
 * not sent again and again. Parked rows ({@link OutboxRound}) no longer hold their key back.
 *
 * <p>Acknowledged but not marked: when the database fails after the broker acknowledged a round's
 * rows (a PostgreSQL restart between send and commit), the marks roll back and the rows are pending
 * again, although they are on Kafka. The dispatcher remembers the rows it saw acknowledged until
 * their marks commit, and when it claims such a row again it marks it published without sending it
 * a second time. Only a relay that dies in that window (or another replica that claims the row
 * first) sends it again; consumers drop such a repeat by its event id.
 */
public final class OutboxDispatcher {
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
  static final String CLAIM =
      """
      WITH claimed AS MATERIALIZED (
        SELECT id FROM outbox
        WHERE published_at IS NULL AND parked_at IS NULL
        ORDER BY id
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
      SELECT o.id, o.event_id, o.topic, o.message_key, o.ce_type, o.ce_source, o.ce_subject,
             o.ce_time, o.traceparent, o.payload::text AS payload, o.failures
      FROM outbox o
      JOIN claimed c ON c.id = o.id
      WHERE NOT EXISTS (
        SELECT 1 FROM outbox p
        WHERE p.published_at IS NULL
          AND p.parked_at IS NULL
          AND p.topic = o.topic
          AND p.message_key = o.message_key
          AND p.id < o.id
          AND (p.id NOT IN (SELECT id FROM claimed) OR p.failures > 0))
      ORDER BY o.id
      """;
  // clock_timestamp(), not now(): published_at is when the broker acknowledged, not when this
  // round's transaction began, so published_at - ce_time is the event's lag to Kafka
  private static final String MARK_PUBLISHED =
      "UPDATE outbox SET published_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL"
          + " WHERE id = ANY($1)";
  private static final String MARK_FAILED =
      "UPDATE outbox SET attempts = attempts + 1, failures = failures + $3,"
          + " last_error = left($2, 1000) WHERE id = $1";
  private static final String PARK =
      "UPDATE outbox SET parked_at = now(), attempts = attempts + 1, failures = failures + 1,"
          + " last_error = left($2, 1000) WHERE id = $1";
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
  private static final int ACKNOWLEDGED_MEMORY = 100_000;

  private final Pool pool;
  private final OutboxSender sender;
  private final int batchSize;
  private final int maxAttempts;
  private final OutboxMetrics metrics;
  // outbox ids the broker acknowledged whose published mark has not committed yet, oldest first;
  // bounded, since a commit whose answer was lost may have marked rows that are never claimed again
  private final Map<Long, Boolean> acknowledgedNotMarked =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
          return size() > ACKNOWLEDGED_MEMORY;
        }
      };

  public OutboxDispatcher(
      Pool pool,
      Producer<String, byte[]> producer,
      int batchSize,
      int maxAttempts,
      Duration ackTimeout,
      OutboxMetrics metrics) {
    this.pool = pool;
    this.sender = new OutboxSender(producer, ackTimeout);
    this.batchSize = batchSize;
    this.maxAttempts = maxAttempts;
    this.metrics = metrics;
  }

  /**
   * What one round did; {@code unavailable} when the broker (or the database) could not be reached,
   * the one case in which the caller backs off before the next round.
   */
  public record Result(int claimed, int published, int parked, String error, boolean unavailable) {
    static final Result NOTHING = new Result(0, 0, 0, null, false);

    /** The database failed: nothing was marked. */
    static Result databaseDown(String error) {
      return new Result(0, 0, 0, "database: " + error, true);
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
      OutboxRound round = OutboxRound.of(publish(claimed), maxAttempts);
      round.published().forEach(r -> acknowledgedNotMarked.put(r.id(), Boolean.TRUE));
      mark(conn, round);
      Transaction committing = tx;
      tx = null; // a failed commit has ended the transaction: nothing left to roll back
      committing.commit().await().atMost(DB_TIMEOUT);
      round.published().forEach(r -> acknowledgedNotMarked.remove(r.id()));
      count(round);
      PublishFailure first = round.firstFailure();
      return new Result(
          claimed.size(),
          round.published().size(),
          round.parked().size(),
          first == null ? null : first.message(),
          round.brokerDown());
    } catch (RuntimeException e) {
      if (tx != null) {
        tx.rollbackAndForget();
      }
      throw e;
    } finally {
      conn.closeAndForget();
    }
  }

  /**
   * Sends the claimed rows, except those the broker acknowledged in an earlier round of this
   * dispatcher whose marks were lost; answers one attempt per claimed row, in claim order.
   */
  private List<OutboxSender.Attempt> publish(List<OutboxRecord> claimed) {
    if (acknowledgedNotMarked.isEmpty()) {
      return sender.publish(claimed);
    }
    List<OutboxRecord> toSend =
        claimed.stream().filter(r -> !acknowledgedNotMarked.containsKey(r.id())).toList();
    if (toSend.size() < claimed.size()) {
      LOG.infof(
          "%d outbox row(s) were acknowledged by the broker before their mark was lost: marking"
              + " them published without sending them again",
          claimed.size() - toSend.size());
    }
    Iterator<OutboxSender.Attempt> sent = sender.publish(toSend).iterator();
    List<OutboxSender.Attempt> attempts = new ArrayList<>(claimed.size());
    for (OutboxRecord row : claimed) {
      attempts.add(
          acknowledgedNotMarked.containsKey(row.id())
              ? OutboxSender.Attempt.acknowledgedEarlier(row)
              : sent.next());
    }
    return attempts;
  }

  private List<OutboxRecord> claim(SqlConnection conn) {
    List<OutboxRecord> rows = new ArrayList<>();
    for (Row row :
        conn.preparedQuery(CLAIM).execute(Tuple.of(batchSize)).await().atMost(DB_TIMEOUT)) {
      rows.add(OutboxRecord.of(row));
    }
    return rows;
  }

  private void mark(SqlConnection conn, OutboxRound round) {
    if (!round.published().isEmpty()) {
      Long[] ids = round.published().stream().map(OutboxRecord::id).toArray(Long[]::new);
      conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).await().atMost(DB_TIMEOUT);
    }
    for (OutboxRound.Failed p : round.parked()) {
      conn.preparedQuery(PARK)
          .execute(Tuple.of(p.row().id(), p.failure().message()))
          .await()
          .atMost(DB_TIMEOUT);
    }
    // while the broker is down every row fails alike: recording the first is enough
    List<OutboxRound.Failed> failed =
        round.brokerDown() && !round.failed().isEmpty()
            ? round.failed().subList(0, 1)
            : round.failed();
    for (OutboxRound.Failed f : failed) {
      conn.preparedQuery(MARK_FAILED)
          .execute(Tuple.of(f.row().id(), f.failure().message(), f.counted() ? 1 : 0))
          .await()
          .atMost(DB_TIMEOUT);
    }
  }

  private void count(OutboxRound round) {
    round.published().stream()
        .collect(Collectors.groupingBy(OutboxRecord::topic, Collectors.counting()))
        .forEach((topic, n) -> metrics.published(topic, n.intValue()));
    round.failed().forEach(f -> metrics.failed(f.row().topic()));
    round.parked().forEach(p -> metrics.parked(p.row().topic(), p.failure().kind()));
    round
        .parked()
        .forEach(
            p ->
                LOG.errorf(
                    "outbox event %s (%s, key %s) parked after %d failed attempt(s): %s",
                    p.row().eventId(),
                    p.row().topic(),
                    p.row().key(),
                    p.row().failures() + 1,
                    p.failure().message()));
  }
}
