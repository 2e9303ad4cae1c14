package io.timetracker.connector.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlClientProcessedEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static Pool pool;
  private static ConsumerDatabase db;

  @BeforeAll
  static void migratedDatabase() {
    db = ConsumerDatabase.migrated();
    vertx = Vertx.vertx();
    pool =
        PgPool.pool(
            vertx,
            new PgConnectOptions()
                .setHost("localhost")
                .setPort(db.port())
                .setDatabase(db.name)
                .setUser(db.name)
                .setPassword(db.name),
            new PoolOptions().setMaxSize(4));
  }

  @AfterAll
  static void close() {
    pool.closeAndAwait();
    vertx.closeAndAwait();
  }

  @Test
  void firstDeliveryIsFirstTimeAndRedeliveryIsNot() {
    assertThat(inTransaction("evt-1")).isTrue();
    assertThat(inTransaction("evt-1")).isFalse();
  }

  @Test
  void rolledBackEffectLeavesTheEventUnprocessed() {
    pool.withTransaction(
            conn ->
                SqlClientProcessedEvents.firstTime(conn, "evt-rollback")
                    .chain(
                        () -> Uni.createFrom().failure(new IllegalStateException("effect failed"))))
        .onFailure()
        .recoverWithNull()
        .await()
        .atMost(WAIT);

    assertThat(inTransaction("evt-rollback")).isTrue();
  }

  @Test
  void concurrentDuplicateWaitsForTheFirstAndIsRefusedOnceItCommits() throws Exception {
    SqlConnection first = pool.getConnection().await().atMost(WAIT);
    Transaction tx = first.begin().await().atMost(WAIT);
    assertThat(SqlClientProcessedEvents.firstTime(first, "evt-race").await().atMost(WAIT)).isTrue();

    CompletableFuture<Boolean> second =
        pool.withTransaction(conn -> SqlClientProcessedEvents.firstTime(conn, "evt-race"))
            .subscribeAsCompletionStage();
    assertThat(second).isNotDone();
    tx.commit().await().atMost(WAIT);
    first.closeAndAwait();

    assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void pruneDeletesOnlyRowsOlderThanTheRetention() throws Exception {
    db.execute(
        "INSERT INTO processed_event VALUES ('evt-old', now() - interval '40 days'),"
            + " ('evt-recent', now() - interval '2 days')");

    int pruned = SqlClientProcessedEvents.prune(pool, Duration.ofDays(30)).await().atMost(WAIT);

    assertThat(pruned).isEqualTo(1);
    assertThat(db.strings("select event_id from processed_event where event_id like 'evt-%'"))
        .contains("evt-recent")
        .doesNotContain("evt-old");
  }

  private static boolean inTransaction(String eventId) {
    return pool.withTransaction(conn -> SqlClientProcessedEvents.firstTime(conn, eventId))
        .await()
        .atMost(WAIT);
  }
}
