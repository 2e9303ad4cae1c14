package io.timetracker.timer.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Deletes stored Idempotency-Key answers once their replay window has passed. */
@ApplicationScoped
public class IdempotencyPruner {
  private static final Logger LOG = Logger.getLogger(IdempotencyPruner.class);
  private final IdempotencyService idempotency;

  public IdempotencyPruner(IdempotencyService idempotency) {
    this.idempotency = idempotency;
  }

  @Scheduled(
      every = "${timer.idempotency.prune-every:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> prune() {
    return idempotency
        .prune()
        .invoke(n -> LOG.debugf("pruned %d idempotency keys", n))
        .onFailure()
        .invoke(e -> LOG.warnf("idempotency key pruning failed: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
