package io.timetracker.contracts.client;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 or 5xx: the core is overloaded or failing. Retryable with backoff; {@link #retryAfter()}
 * carries the server's {@code Retry-After} when it sent one.
 */
public class CoreUnavailableException extends CoreProblemException {
  private final transient Duration retryAfter;

  public CoreUnavailableException(int status, String code, String detail, Duration retryAfter) {
    super(status, code, detail);
    this.retryAfter = retryAfter;
  }

  /** How long the core asked callers to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
