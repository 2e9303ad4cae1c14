package io.timetracker.timer.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.config.OutboxConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes published outbox rows once they are older ({@code ce_time}) than {@code
 * timer.outbox.retention}; until then they can be replayed. Pending rows are never deleted.
 */
@ApplicationScoped
public class OutboxPruner {
  private static final Logger LOG = Logger.getLogger(OutboxPruner.class);
  private static final int CHUNK = 10_000;
  private static final String PRUNE =
      "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
          + " WHERE published_at IS NOT NULL AND ce_time < $1 LIMIT "
          + CHUNK
          + ")";

  private final Pool pool;
  private final OutboxConfig config;
  private final Clock clock;

  public OutboxPruner(Pool pool, OutboxConfig config, Clock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(
      every = "${timer.outbox.prune-interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> prune() {
    if (!config.enabled()) {
      return Uni.createFrom().voidItem();
    }
    return prune(clock.instant().minus(config.retention()))
        .invoke(n -> LOG.debugf("pruned %d published outbox rows", n))
        .onFailure()
        .invoke(e -> LOG.warnf("outbox prune failed: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Deletes published rows with {@code ce_time} before the cutoff, in chunks; answers how many. */
  Uni<Long> prune(Instant cutoff) {
    return pool.preparedQuery(PRUNE)
        .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
        .map(rows -> (long) rows.rowCount())
        .chain(n -> n < CHUNK ? Uni.createFrom().item(n) : prune(cutoff).map(m -> n + m));
  }
}
