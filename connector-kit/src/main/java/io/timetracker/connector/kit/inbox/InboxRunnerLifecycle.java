package io.timetracker.connector.kit.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.pgnotify.PgChannelListener;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one {@link InboxRunner} per application when a connector provides an {@link InboxHandler}
 * and {@code connector.inbox.runner-enabled} is on: LISTEN {@code connector_inbox} wakes it, a
 * sweep every {@code sweep-interval} is the safety net, leases are extended every third of the
 * lease, and finished deliveries (and {@link RetentionHook} rows) older than the retention are
 * pruned every {@code prune-interval}.
 */
@ApplicationScoped
public class InboxRunnerLifecycle {

  /** The channel the inbox's insert trigger notifies. */
  public static final String CHANNEL = "connector_inbox";

  private static final Logger LOG = Logger.getLogger(InboxRunnerLifecycle.class);

  private final Inbox inbox;
  private final Instance<InboxHandler<?>> handlers;
  private final Instance<RetentionHook> retention;
  private final Instance<MeterRegistry> registry;
  private final InboxConfig config;
  private final Vertx vertx;
  private final Clock clock;
  private final Optional<String> url;
  private final Optional<String> username;
  private final Optional<String> password;
  private InboxRunner runner;
  private PgChannelListener listener;
  private final List<Long> timers = new ArrayList<>();

  /** Collaborators; the datasource settings are those of the application's reactive pool. */
  public InboxRunnerLifecycle(
      Inbox inbox,
      @Any Instance<InboxHandler<?>> handlers,
      @Any Instance<RetentionHook> retention,
      Instance<MeterRegistry> registry,
      InboxConfig config,
      Vertx vertx,
      Clock clock,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.inbox = inbox;
    this.handlers = handlers;
    this.retention = retention;
    this.registry = registry;
    this.config = config;
    this.vertx = vertx;
    this.clock = clock;
    this.url = url;
    this.username = username;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    List<InboxHandler<?>> found = handlers.stream().toList();
    if (!config.runnerEnabled() || found.isEmpty()) {
      LOG.debugf(
          "inbox runner off (enabled %s, handlers %d)", config.runnerEnabled(), found.size());
      return;
    }
    MeterRegistry meters = registry.isResolvable() ? registry.get() : new SimpleMeterRegistry();
    runner =
        new InboxRunner(
            inbox, found, config.concurrency(), config.lookAhead(), vertx, meters, clock);
    if (url.isPresent()) {
      listener =
          new PgChannelListener(
              vertx,
              PgChannelListener.options(url.get(), username.orElse(null), password.orElse(null)),
              CHANNEL);
      listener.listen(runner::wake);
    }
    runner.start();
    every(config.sweepInterval(), this::sweep);
    every(inbox.lease().dividedBy(3), this::extendLeases);
    every(config.pruneInterval(), () -> background(prune(), "inbox not pruned"));
    LOG.infof(
        "inbox runner started: concurrency %d, look-ahead %s",
        config.concurrency(), config.lookAhead());
  }

  void stop(@Observes ShutdownEvent event) {
    timers.forEach(vertx::cancelTimer);
    if (listener != null) {
      listener.close();
    }
    if (runner != null) {
      runner.stop();
    }
  }

  /** The running runner, if this application runs one. */
  public Optional<InboxRunner> runner() {
    return Optional.ofNullable(runner);
  }

  /** Deletes finished deliveries and hook rows older than the retention; the inbox rows deleted. */
  public Uni<Integer> prune() {
    Instant cutoff = clock.instant().minus(config.retention());
    return pruneAll(limit -> inbox.prune(cutoff, limit))
        .call(deleted -> pruneHooks(cutoff))
        .invoke(deleted -> LOG.debugf("pruned %d finished deliveries", deleted));
  }

  private Uni<Void> pruneHooks(Instant cutoff) {
    return Multi.createFrom()
        .iterable(retention.stream().toList())
        .onItem()
        .transformToUniAndConcatenate(hook -> pruneAll(limit -> hook.pruneBefore(cutoff, limit)))
        .collect()
        .last()
        .replaceWithVoid();
  }

  // batch after batch until a short one, so no statement holds many locks
  private Uni<Integer> pruneAll(IntFunction<Uni<Integer>> batch) {
    int limit = config.pruneBatch();
    return batch
        .apply(limit)
        .chain(n -> n < limit ? Uni.createFrom().item(n) : pruneAll(batch).map(m -> n + m));
  }

  private void sweep() {
    if (listener != null) {
      listener.reconnectIfClosed();
    }
    runner.wake();
    background(runner.refreshMetrics(), "inbox gauges not refreshed");
  }

  private void extendLeases() {
    background(runner.extendLeases(), "inbox leases not extended");
  }

  private void every(Duration interval, Runnable task) {
    timers.add(vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> task.run()));
  }

  private void background(Uni<?> work, String failure) {
    work.subscribe().with(ok -> {}, f -> LOG.warnf("%s: %s", failure, f.getMessage()));
  }
}
