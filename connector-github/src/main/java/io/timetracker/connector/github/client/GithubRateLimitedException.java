package io.timetracker.connector.github.client;

import java.time.Duration;
import java.time.Instant;

/**
 * GitHub rate-limited a token (429, or 403 with {@code Retry-After} / {@code X-RateLimit-Remaining:
 * 0}), or a call was not made because that token is still waiting for its limit to reset. It
 * concerns one token only, so it never counts against a circuit breaker.
 */
public class GithubRateLimitedException extends GithubException {

  private final transient Instant until;

  /** A limit answered by GitHub; {@code until} is when the token may call again, if known. */
  public GithubRateLimitedException(int status, Duration retryAfter, Instant until) {
    super(status, true, retryAfter);
    this.until = until;
  }

  /** When the token may call again, or {@code null} if GitHub did not say. */
  public Instant until() {
    return until;
  }
}
