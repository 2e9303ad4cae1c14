package io.timetracker.connector.kit.timer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Fault tolerance of every call to the timer-service ({@code connector.timer-service.*}): defaults
 * for all operations, and overrides per operation name ({@code
 * connector.timer-service.operations.start-timer.timeout=2s}).
 */
@ConfigMapping(prefix = "connector.timer-service")
public interface TimerServiceConfig {

  /** Time one attempt may take. */
  @WithDefault("10s")
  Duration timeout();

  /** Retries of 5xx, 429 and I/O failures (4xx are never retried). */
  Retry retry();

  /** The circuit breaker of each operation. */
  Breaker breaker();

  /** Overrides by operation name ({@code timer}, {@code start-timer}, ...). */
  Map<String, Operation> operations();

  /** Retry policy: exponential backoff from {@code delay} up to {@code max-delay}, with jitter. */
  interface Retry {
    /** Attempts after the first. */
    @WithDefault("2")
    int maxRetries();

    /** First wait. */
    @WithDefault("200ms")
    Duration delay();

    /** Longest wait between attempts. */
    @WithDefault("2s")
    Duration maxDelay();

    /** Random spread added to or taken from each wait. */
    @WithDefault("100ms")
    Duration jitter();

    /** Give up retrying after this long. */
    @WithDefault("30s")
    Duration maxDuration();
  }

  /** Breaker policy: opens when the failure ratio over the window is reached. */
  interface Breaker {
    /** Window: the last this many calls. */
    @WithDefault("20")
    int requestVolume();

    /** Share of failures in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** Time open before a trial call is let through. */
    @WithDefault("10s")
    Duration delay();

    /** Successful trial calls that close it again. */
    @WithDefault("2")
    int successThreshold();
  }

  /** What one operation changes from the defaults. */
  interface Operation {
    /** Time one attempt may take. */
    Optional<Duration> timeout();

    /** Attempts after the first. */
    Optional<Integer> maxRetries();

    /** Breaker window. */
    Optional<Integer> breakerRequestVolume();

    /** Breaker failure ratio. */
    Optional<Double> breakerFailureRatio();

    /** Breaker open time. */
    Optional<Duration> breakerDelay();

    /** Breaker closing successes. */
    Optional<Integer> breakerSuccessThreshold();
  }
}
