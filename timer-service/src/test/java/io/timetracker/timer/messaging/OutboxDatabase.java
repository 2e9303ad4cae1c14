package io.timetracker.timer.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/** Reads the outbox table directly, from the test thread. */
final class OutboxDatabase {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final Pool pool;

  OutboxDatabase(Pool pool) {
    this.pool = pool;
  }

  /**
   * A dispatcher of its own over this outbox, as another relay (replica) would run it: batches of
   * 50, parked on the 5th failure, 60 s for the broker's acknowledgements.
   */
  OutboxDispatcher dispatcher(Producer<String, byte[]> producer) {
    return new OutboxDispatcher(
        pool,
        producer,
        50,
        5,
        Duration.ofSeconds(60),
        new OutboxMetrics(new SimpleMeterRegistry()));
  }

  /** Rows of the topic with one of the keys that are not published yet. */
  long pending(String topic, List<String> keys) {
    return count(
        "SELECT count(*) FROM outbox WHERE published_at IS NULL AND topic = $1"
            + " AND message_key = ANY($2)",
        Tuple.of(topic, keys.toArray(String[]::new)));
  }

  /** All rows of the topic with one of the keys. */
  long rows(String topic, List<String> keys) {
    return count(
        "SELECT count(*) FROM outbox WHERE topic = $1 AND message_key = ANY($2)",
        Tuple.of(topic, keys.toArray(String[]::new)));
  }

  /** Rows of the topic that were published more than once by the relay's own count. */
  long publishedMoreThanOnce(String topic) {
    return count("SELECT count(*) FROM outbox WHERE topic = $1 AND attempts > 1", Tuple.of(topic));
  }

  /** {@code message_key} and {@code event_id} of the topic's rows, in outbox (id) order. */
  List<String[]> keysAndIdsInOrder(String topic) {
    List<String[]> out = new ArrayList<>();
    for (Row r :
        pool.preparedQuery(
                "SELECT message_key, event_id::text AS event_id FROM outbox WHERE topic = $1"
                    + " ORDER BY id")
            .execute(Tuple.of(topic))
            .await()
            .atMost(TIMEOUT)) {
      out.add(new String[] {r.getString("message_key"), r.getString("event_id")});
    }
    return out;
  }

  long count(String sql, Tuple args) {
    return pool.preparedQuery(sql)
        .execute(args)
        .await()
        .atMost(TIMEOUT)
        .iterator()
        .next()
        .getLong(0);
  }

  void execute(String sql, Tuple args) {
    pool.preparedQuery(sql).execute(args).await().atMost(TIMEOUT);
  }
}
