package io.timetracker.connector.kit.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Retries, dead-lettering and stored headers of the webhook inbox ({@code connector.inbox.*}). */
@ConfigMapping(prefix = "connector.inbox")
public interface InboxConfig {

  /** Attempts before a delivery is dead. */
  @WithDefault("8")
  int maxAttempts();

  /** Delay after the first failure. */
  @WithDefault("PT10S")
  Duration backoffBase();

  /** Longest delay between attempts. */
  @WithDefault("PT30M")
  Duration backoffMax();

  /** Random share of each delay, 0 to 1. */
  @WithDefault("0.2")
  double backoffJitter();

  /**
   * The lease of a claimed delivery: how long it may stay {@code processing} before another replica
   * retries it. The runner extends it every third of this while the delivery is being worked.
   */
  @WithDefault("PT1M")
  Duration processingTimeout();

  /** Whether this replica runs the {@link InboxRunner} (off: deliveries are only stored). */
  @WithDefault("true")
  boolean runnerEnabled();

  /** Deliveries processed at the same time by this replica (each of a different key). */
  @WithDefault("16")
  int concurrency();

  /**
   * Whether handlers that ask for it see the next stored delivery of the same key, so that they can
   * leave out effects the next delivery overwrites anyway (see {@code InboxHandler#looksAhead}).
   */
  @WithDefault("true")
  boolean lookAhead();

  /** Safety net beside LISTEN/NOTIFY: how often the runner looks for due work anyway. */
  @WithDefault("PT1S")
  Duration sweepInterval();

  /** How long done and dead deliveries are kept (counted from their arrival). */
  @WithDefault("P30D")
  Duration retention();

  /** How often finished deliveries older than the retention are deleted. */
  @WithDefault("PT10M")
  Duration pruneInterval();

  /** Rows deleted per statement while pruning. */
  @WithDefault("1000")
  int pruneBatch();

  /** Header names kept in addition to {@link HeaderWhitelist#DEFAULT}. */
  Optional<List<String>> extraHeaders();
}
