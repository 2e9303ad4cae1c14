package io.timetracker.connector.github.client;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * GitHub answered with an error. A rate limit (429, or 403 with {@code Retry-After} or {@code
 * X-RateLimit-Remaining: 0}) is a {@link GithubRateLimitedException}, a final 4xx a {@link
 * GithubRejectedException}; 5xx are retryable.
 */
public class GithubException extends RuntimeException {

  private final int status;
  private final transient Duration retryAfter;
  private final boolean rateLimited;

  /** An error answer. */
  public GithubException(int status, boolean rateLimited, Duration retryAfter) {
    super("GitHub returned HTTP " + status + (rateLimited ? " (rate limited)" : ""));
    this.status = status;
    this.rateLimited = rateLimited;
    this.retryAfter = retryAfter;
  }

  /** From an error response. */
  public static GithubException from(Response r) {
    Duration wait = seconds(r.getHeaderString("Retry-After"));
    String remaining = r.getHeaderString("X-RateLimit-Remaining");
    if (wait == null && "0".equals(remaining)) {
      Duration untilReset = resetIn(r.getHeaderString("X-RateLimit-Reset"));
      wait = untilReset;
    }
    boolean limited =
        r.getStatus() == 429 || (r.getStatus() == 403 && (wait != null || "0".equals(remaining)));
    if (limited) {
      return new GithubRateLimitedException(r.getStatus(), wait, null);
    }
    if (r.getStatus() >= 400 && r.getStatus() < 500) {
      return new GithubRejectedException(r.getStatus());
    }
    return new GithubException(r.getStatus(), limited, wait);
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** A rate limit answer. */
  public boolean rateLimited() {
    return rateLimited;
  }

  /** Whether trying again later may work. */
  public boolean retryable() {
    return rateLimited || status >= 500;
  }

  /** How long GitHub asked to wait. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  private static Duration seconds(String value) {
    try {
      return value == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration resetIn(String epochSeconds) {
    try {
      if (epochSeconds == null) {
        return null;
      }
      Duration d =
          Duration.between(
              Instant.now(), Instant.ofEpochSecond(Long.parseLong(epochSeconds.trim())));
      return d.isNegative() ? Duration.ZERO : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
