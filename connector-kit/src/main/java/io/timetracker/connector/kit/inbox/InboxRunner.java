package io.timetracker.connector.kit.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Drains the inbox while work is due: claims as many deliveries as it has free slots (at most
 * {@code concurrency} at a time, each of a different ordering key, see {@link Inbox#claimDue}),
 * processes each through its provider's {@link InboxHandler} on its own Vert.x context, records the
 * outcome once ({@link OutcomeClassifier}), and claims again as slots free up. {@link #wake()} is
 * called on {@code NOTIFY connector_inbox}, by the sweep, and after each finished delivery (the
 * next delivery of that key only becomes due then). Leases of the deliveries in flight are extended
 * by {@link #extendLeases()}, so a lease never lapses while its delivery is being worked. A plain
 * object: {@link InboxRunnerLifecycle} runs one per application; tests may run several.
 */
public final class InboxRunner {

  private static final Logger LOG = Logger.getLogger(InboxRunner.class);

  private final Inbox inbox;
  private final Map<String, InboxHandler<?>> handlers;
  private final int concurrency;
  private final boolean lookAhead;
  private final Vertx vertx;
  private final InboxMetrics metrics;
  private final Map<UUID, ClaimedDelivery> inFlight = new ConcurrentHashMap<>();
  private boolean running;
  private boolean claiming;
  private boolean wakeAgain;

  /** A runner over {@code inbox} for the given handlers (one per provider), look-ahead on. */
  public InboxRunner(
      Inbox inbox,
      List<? extends InboxHandler<?>> handlers,
      int concurrency,
      Vertx vertx,
      MeterRegistry registry,
      Clock clock) {
    this(inbox, handlers, concurrency, true, vertx, registry, clock);
  }

  /**
   * A runner over {@code inbox} for the given handlers (one per provider); {@code lookAhead}: show
   * handlers that ask for it the next stored delivery of the key.
   */
  public InboxRunner(
      Inbox inbox,
      List<? extends InboxHandler<?>> handlers,
      int concurrency,
      boolean lookAhead,
      Vertx vertx,
      MeterRegistry registry,
      Clock clock) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.inbox = inbox;
    this.handlers =
        handlers.stream().collect(Collectors.toMap(InboxHandler::provider, Function.identity()));
    this.concurrency = concurrency;
    this.lookAhead = lookAhead;
    this.vertx = vertx;
    this.metrics = new InboxMetrics(registry, clock, inFlight::size);
  }

  /** Starts draining. */
  public void start() {
    synchronized (this) {
      running = true;
    }
    wake();
  }

  /** Stops claiming; deliveries in flight finish (or lapse and are retried elsewhere). */
  public synchronized void stop() {
    running = false;
  }

  /** Deliveries being processed by this runner now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Asks for a claim round: cheap and coalescing, callable from any thread. */
  public void wake() {
    int free;
    synchronized (this) {
      if (!running) {
        return;
      }
      if (claiming) {
        wakeAgain = true;
        return;
      }
      free = concurrency - inFlight.size();
      if (free <= 0) {
        return;
      }
      claiming = true;
      wakeAgain = false;
    }
    inbox.claimDue(free).subscribe().with(this::claimed, this::claimFailed);
  }

  /** Moves the lease end of every delivery in flight; called every third of the lease. */
  public Uni<Integer> extendLeases() {
    List<ClaimedDelivery> held = List.copyOf(inFlight.values());
    return held.isEmpty() ? Uni.createFrom().item(0) : inbox.extend(held);
  }

  /** Refreshes the backlog gauges. */
  public Uni<InboxBacklog> refreshMetrics() {
    return inbox.backlog().invoke(metrics::refreshed);
  }

  /**
   * One round for tests and tools: claims what is due (up to the concurrency) and completes when
   * all of it is processed; the number claimed. Use on a runner that was not started.
   */
  public Uni<Integer> runOnce() {
    return inbox
        .claimDue(concurrency)
        .chain(
            batch ->
                batch.isEmpty()
                    ? Uni.createFrom().item(0)
                    : Uni.join()
                        .all(batch.stream().map(this::work).toList())
                        .andCollectFailures()
                        .replaceWith(batch.size()));
  }

  private void claimed(List<ClaimedDelivery> batch) {
    batch.forEach(this::launch);
    boolean again;
    synchronized (this) {
      claiming = false;
      again = wakeAgain;
    }
    if (again) {
      wake();
    }
  }

  private void claimFailed(Throwable failure) {
    synchronized (this) {
      claiming = false;
    }
    LOG.warnf("inbox claim failed, the sweep tries again: %s", failure.getMessage());
  }

  // each delivery on its own duplicated context, like a request: no shared context data
  private void launch(ClaimedDelivery d) {
    inFlight.put(d.id(), d); // counted before the next wake() computes its free slots
    Context context =
        VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
    context.runOnContext(
        ignored -> work(d).subscribe().with(status -> finished(d), failure -> finished(d)));
  }

  private void finished(ClaimedDelivery ignored) {
    wake();
  }

  // in flight (its lease extended) from the claim until its outcome is recorded
  private Uni<Optional<DeliveryStatus>> work(ClaimedDelivery d) {
    inFlight.put(d.id(), d);
    return Uni.createFrom()
        .deferred(() -> attempt(d))
        .onFailure()
        .recoverWithItem(OutcomeClassifier::classify)
        .chain(outcome -> record(d, outcome))
        .eventually(() -> inFlight.remove(d.id()));
  }

  private Uni<ProcessOutcome> attempt(ClaimedDelivery d) {
    InboxHandler<?> handler = handlers.get(d.provider());
    if (handler == null) {
      return Uni.createFrom().item(ProcessOutcome.dead("no handler for " + d.provider()));
    }
    return attempt(handler, d);
  }

  // parse once, then process the typed event (with the key's next delivery if the handler asks)
  private <E> Uni<ProcessOutcome> attempt(InboxHandler<E> handler, ClaimedDelivery d) {
    E event = handler.parse(d);
    if (!lookAhead || !handler.looksAhead() || d.deliveryKey() == null) {
      return handler.process(d, event);
    }
    return inbox.nextOfKey(d).chain(next -> handler.process(d, event, next));
  }

  private Uni<Optional<DeliveryStatus>> record(ClaimedDelivery d, ProcessOutcome outcome) {
    return inbox
        .finish(d, outcome)
        .invoke(status -> recorded(d, outcome, status))
        .onFailure()
        .invoke(f -> LOG.warnf("outcome of delivery %s not recorded: %s", d.deliveryId(), f));
  }

  private void recorded(
      ClaimedDelivery d, ProcessOutcome outcome, Optional<DeliveryStatus> status) {
    if (status.isEmpty()) {
      LOG.warnf("delivery %s: claim lapsed before its outcome was recorded", d.deliveryId());
      return;
    }
    metrics.finished(status.get());
    if (status.get() != DeliveryStatus.DONE) {
      LOG.infof(
          "delivery %s attempt %d %s: %s",
          d.deliveryId(), d.attempt(), status.get().value(), outcome.reason());
    }
  }
}
