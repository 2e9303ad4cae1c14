package io.timetracker.timer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Published rows are kept for the retention window, then pruned; pending rows never are. */
@QuarkusTest
class PruneTest {
  private static final String INSERT =
      """
      INSERT INTO outbox (event_id, topic, message_key, ce_type, ce_source, ce_time, payload,
                          published_at)
      VALUES ($1, 'test.prune', 'k', 'test.prune.v1', '/test', $2, '{}'::jsonb, $3)
      """;

  @Inject Pool pool;
  @Inject OutboxPruner pruner;

  @Test
  void prunesPublishedRowsOlderThanTheRetentionOnly() {
    OutboxDatabase db = new OutboxDatabase(pool);
    Instant now = Instant.now();
    UUID old = insert(db, now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(8)));
    UUID recent = insert(db, now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(6)));

    long pruned =
        pruner.prune(now.minus(Duration.ofDays(7))).await().atMost(Duration.ofSeconds(30));

    assertThat(pruned).isGreaterThanOrEqualTo(1);
    assertThat(exists(db, old)).isFalse();
    assertThat(exists(db, recent)).isTrue();
  }

  private static UUID insert(OutboxDatabase db, Instant ceTime, Instant publishedAt) {
    UUID id = UUID.randomUUID();
    db.execute(
        INSERT,
        Tuple.of(id, ceTime.atOffset(ZoneOffset.UTC), publishedAt.atOffset(ZoneOffset.UTC)));
    return id;
  }

  private static boolean exists(OutboxDatabase db, UUID id) {
    return db.count("SELECT count(*) FROM outbox WHERE event_id = $1", Tuple.of(id)) == 1;
  }
}
