package io.timetracker.connector.kit.jobs;

import io.timetracker.connector.kit.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How jobs are claimed and retried.
 *
 * @param lease how long a claim holds a job
 * @param backoff delay before a failed job is due again, by consecutive failures
 */
public record JobPolicy(Duration lease, Backoff backoff) {

  /** Validates the lease. */
  public JobPolicy {
    Objects.requireNonNull(backoff, "backoff");
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive");
    }
  }

  /** From configuration. */
  public static JobPolicy of(JobsConfig config) {
    return new JobPolicy(
        config.lease(),
        new Backoff(config.backoffBase(), config.backoffMax(), config.backoffJitter()));
  }

  /** How long one run may take before it is abandoned: nine tenths of the lease. */
  public Duration runTimeout() {
    return lease.multipliedBy(9).dividedBy(10);
  }
}
