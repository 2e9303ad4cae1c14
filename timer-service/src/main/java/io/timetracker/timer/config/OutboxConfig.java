package io.timetracker.timer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the transactional outbox and its relay ({@code timer.outbox.*}). Kafka connection
 * settings come from the usual {@code kafka.*} keys.
 */
@ConfigMapping(prefix = "timer.outbox")
public interface OutboxConfig {

  /** Whether this replica runs the relay; rows are written to the outbox either way. */
  @WithDefault("true")
  boolean enabled();

  /** {@code ce_source} of every event this service publishes. */
  @WithDefault("/timer-service")
  String source();

  /** Rows claimed and published per relay transaction. */
  @WithDefault("100")
  int batchSize();

  /**
   * How often the relay looks for pending rows even without a NOTIFY (safety net); read by the
   * {@code @Scheduled} sweep as {@code timer.outbox.sweep-interval}.
   */
  @WithDefault("2s")
  Duration sweepInterval();

  /**
   * Failed attempts (while the broker is reachable) after which a row is parked: no longer sent, no
   * longer holding back the later rows of its key, replayable by an admin. A row the broker refuses
   * for good (too large, invalid) is parked on its first failure.
   */
  @WithDefault("5")
  int maxAttempts();

  /** First pause after a failed publish; doubled per consecutive failure. */
  @WithDefault("500ms")
  Duration backoffInitial();

  /** Longest pause between attempts while Kafka is unavailable (the only global back-off). */
  @WithDefault("30s")
  Duration backoffMax();

  /**
   * The producer's {@code delivery.timeout.ms}: how long one send may be retried before it counts
   * as failed. The relay holds its claim (and transaction) that long at most.
   */
  @WithDefault("2m")
  Duration deliveryTimeout();

  /** How long published rows stay for replay before they are pruned. */
  @WithDefault("P7D")
  Duration retention();

  /** How often published rows older than the retention are pruned. */
  @WithDefault("1h")
  Duration pruneInterval();
}
