package io.timetracker.connector.gcal.client;

import java.time.Duration;
import java.util.Set;

/**
 * A Google API call failed: the HTTP status, Google's error reason ({@code rateLimitExceeded},
 * {@code notFound}, …) and the {@code Retry-After} it sent. 429, 403 with a rate-limit reason and
 * 5xx are worth retrying; 401, other 403s and 4xx are not.
 */
public class GoogleApiException extends RuntimeException {

  private static final Set<String> RATE_LIMIT_REASONS =
      Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");

  private final int status;
  private final String reason;
  private final Duration retryAfter;

  /** One failure. */
  public GoogleApiException(int status, String reason, Duration retryAfter, String message) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  /** With a cause (I/O). */
  public GoogleApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.reason = null;
    this.retryAfter = null;
  }

  /** The HTTP status (503 for I/O failures). */
  public int status() {
    return status;
  }

  /** Google's reason, or null. */
  public String reason() {
    return reason;
  }

  /** Google's Retry-After, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Rate limited: 429, or 403 with a rate-limit reason. */
  public boolean rateLimited() {
    return status == 429
        || (status == 403 && reason != null && RATE_LIMIT_REASONS.contains(reason));
  }

  /** Worth another attempt: rate limited or a server error. */
  public boolean retryable() {
    return rateLimited() || status >= 500;
  }
}
