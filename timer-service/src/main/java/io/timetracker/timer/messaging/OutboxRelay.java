package io.timetracker.timer.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.config.OutboxConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Moves outbox rows to Kafka. Woken by {@code NOTIFY tt_outbox} ({@link OutboxListener}), by a
 * periodic sweep (safety net) and by replays; publishes batch after batch on its own thread until
 * the outbox is drained. While Kafka is unreachable it backs off exponentially (capped) and leaves
 * the rows pending, so nothing is lost or reordered; a row the broker refuses while it is reachable
 * does not slow the others down: it is retried with the next rounds and parked in the end. Every
 * replica runs one; {@link OutboxDispatcher} makes them safe together.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Pool pool;
  private final OutboxConfig config;
  private final OutboxMetrics metrics;
  private final OutboxListener listener;
  private final Map<String, Object> kafka;
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private volatile boolean running;
  private volatile boolean paused;
  private ScheduledExecutorService thread;
  private Producer<String, byte[]> producer;
  private OutboxDispatcher dispatcher;
  private Duration backoff;
  private long retryAtNanos;

  public OutboxRelay(
      Pool pool,
      OutboxConfig config,
      OutboxMetrics metrics,
      OutboxListener listener,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.pool = pool;
    this.config = config;
    this.metrics = metrics;
    this.listener = listener;
    this.kafka = kafka;
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("outbox relay disabled (timer.outbox.enabled=false): rows stay pending");
      return;
    }
    producer = OutboxProducer.create(kafka, config, "timer-service-outbox");
    // the wait for acks outlasts the producer's own retries, so no send is ever abandoned
    Duration ackTimeout = config.deliveryTimeout().plusSeconds(10);
    dispatcher =
        new OutboxDispatcher(
            pool, producer, config.batchSize(), config.maxAttempts(), ackTimeout, metrics);
    thread = Executors.newSingleThreadScheduledExecutor(OutboxRelay::relayThread);
    running = true;
    listener.listen(this::wake);
    wake();
  }

  void stop(@Observes ShutdownEvent event) {
    if (!running) {
      return;
    }
    running = false;
    listener.close();
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }

  /** Asks for a round soon; cheap and coalescing, callable from any thread. */
  public void wake() {
    if (running && wakePending.compareAndSet(false, true)) {
      try {
        thread.execute(this::drain);
      } catch (RejectedExecutionException e) {
        wakePending.set(false);
      }
    }
  }

  /** Safety net: finds rows whose NOTIFY was missed, and refreshes the gauges. */
  @Scheduled(
      every = "${timer.outbox.sweep-interval:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> sweep() {
    if (running) {
      listener.reconnectIfClosed();
      wake();
    }
    return metrics
        .refresh(pool)
        .onFailure()
        .invoke(e -> LOG.debugf("outbox gauges not refreshed: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull();
  }

  /** Test hook: finishes the current round and publishes nothing until {@link #resume()}. */
  void pause() {
    paused = true;
    awaitIdle();
  }

  /** Test hook: undoes {@link #pause()}. */
  void resume() {
    paused = false;
    wake();
  }

  private void drain() {
    wakePending.set(false);
    while (running && !paused && !backingOff()) {
      OutboxDispatcher.Result result;
      try {
        result = dispatcher.dispatchOnce();
      } catch (RuntimeException e) {
        result = OutboxDispatcher.Result.databaseDown(e.getMessage());
      }
      if (result.unavailable()) {
        retryLater(result.error());
        return;
      }
      if (result.error() != null) {
        LOG.warnf("outbox rows failed while the broker is reachable: %s", result.error());
      }
      backoff = null;
      if (result.claimed() < config.batchSize()) {
        return;
      }
    }
  }

  private boolean backingOff() {
    return backoff != null && System.nanoTime() - retryAtNanos < 0;
  }

  private void retryLater(String error) {
    backoff =
        backoff == null
            ? config.backoffInitial()
            : min(backoff.multipliedBy(2), config.backoffMax());
    retryAtNanos = System.nanoTime() + backoff.toNanos();
    LOG.warnf("outbox publish failed (%s); next attempt in %s", error, backoff);
    thread.schedule(this::wake, backoff.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void awaitIdle() {
    if (!running) {
      return;
    }
    try {
      thread.submit(() -> {}).get(config.deliveryTimeout().toSeconds() + 30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("outbox relay did not become idle", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Thread relayThread(Runnable r) {
    Thread t = new Thread(r, "outbox-relay");
    t.setDaemon(true);
    return t;
  }
}
