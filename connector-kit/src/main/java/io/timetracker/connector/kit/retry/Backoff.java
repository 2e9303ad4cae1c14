package io.timetracker.connector.kit.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt {@code n} waits {@code base * 2^(n-1)}, capped at {@code
 * max}, then shortened by a random share of up to {@code jitter} so that replicas retrying the same
 * failure spread out.
 *
 * @param base delay after the first failure
 * @param max longest delay
 * @param jitter share of the delay that is random, 0 (none) to 1 ("full jitter")
 */
public record Backoff(Duration base, Duration max, double jitter) {

  /** Validates the parameters. */
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within [0, 1]");
    }
  }

  /** The delay before retry number {@code attempt} (1 = after the first failure). */
  public Duration delay(int attempt, RandomGenerator random) {
    int exponent = Math.max(0, Math.min(attempt - 1, 30));
    long baseMillis = base.toMillis();
    long ceiling = max.toMillis();
    long millis =
        baseMillis > (ceiling >> exponent) ? ceiling : Math.min(ceiling, baseMillis << exponent);
    long shortening = (long) (millis * jitter * random.nextDouble());
    return Duration.ofMillis(millis - shortening);
  }

  /** {@link #delay(int, RandomGenerator)} with the default generator. */
  public Duration delay(int attempt) {
    return delay(attempt, ThreadLocalRandom.current());
  }
}
