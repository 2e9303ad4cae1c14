package io.timetracker.connector.github.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.kit.inbox.ClaimedDelivery;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.contracts.client.CoreProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Processes the inbox in every replica: claims due deliveries ({@code FOR UPDATE SKIP LOCKED} in
 * the kit), processes each, and marks it done, failed (retried with backoff; the core being down is
 * this case) or dead (a {@link PermanentFailure} or a final answer of the core).
 */
@ApplicationScoped
public class InboxWorker {

  private static final Logger LOG = Logger.getLogger(InboxWorker.class);

  private final Inbox inbox;
  private final IssueProcessor processor;
  private final GithubConfig config;

  /** Collaborators. */
  public InboxWorker(Inbox inbox, IssueProcessor processor, GithubConfig config) {
    this.inbox = inbox;
    this.processor = processor;
    this.config = config;
  }

  /** One tick; {@code github.worker.every=off} turns it off (tests call {@link #runOnce()}). */
  @Scheduled(
      every = "${github.worker.every:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      identity = "github-inbox")
  Uni<Void> tick() {
    return runOnce()
        .onFailure()
        .invoke(f -> LOG.warnf("inbox tick failed: %s", f.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Claims one batch and processes it, one delivery after the other; the number processed. */
  public Uni<Integer> runOnce() {
    return inbox
        .claimDue(config.worker().batchSize())
        .onItem()
        .transformToMulti(list -> Multi.createFrom().iterable(list))
        .onItem()
        .transformToUniAndConcatenate(this::handle)
        .collect()
        .asList()
        .map(list -> list.size());
  }

  // never an empty item: Multi drops nulls, and the batch is counted
  private Uni<ClaimedDelivery> handle(ClaimedDelivery d) {
    return Uni.createFrom()
        .deferred(() -> processor.process(d))
        .chain(() -> inbox.markDone(d))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(f -> failed(d, f))
        .replaceWith(d);
  }

  private Uni<Void> failed(ClaimedDelivery d, Throwable f) {
    if (permanent(f)) {
      LOG.infof("delivery %s dead: %s", d.deliveryId(), f.getMessage());
      return inbox.markDead(d, f.getMessage()).replaceWithVoid();
    }
    LOG.infof("delivery %s attempt %d failed: %s", d.deliveryId(), d.attempt(), f.getMessage());
    return inbox.markFailed(d, f).replaceWithVoid();
  }

  // a final answer of the core (4xx) won't change by retrying; 429/5xx and I/O errors will
  private static boolean permanent(Throwable f) {
    // 401 is our own credentials (fixable in config without touching the delivery): retry
    return f instanceof PermanentFailure
        || (f instanceof CoreProblemException p && !p.isRetryable() && p.status() != 401);
  }
}
