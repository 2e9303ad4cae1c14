package io.timetracker.connector.slack.client;

import io.timetracker.connector.kit.retry.RetryAfter;
import java.time.Duration;
import java.util.Optional;

/**
 * Slack refused or failed a Web API call. {@link Retryable} ones (429, 5xx, I/O) are tried again;
 * the others ({@code ok:false} such as {@code channel_not_found}, {@code invalid_auth}) are final.
 */
public class SlackException extends RuntimeException {

  private final String error;

  /** A final refusal with Slack's error code. */
  public SlackException(String error) {
    super("Slack answered " + error);
    this.error = error;
  }

  /** Slack's error code ({@code invalid_auth}, {@code ratelimited}, {@code http_503}, …). */
  public String error() {
    return error;
  }

  /** A failure worth another attempt, with Slack's Retry-After when it sent one. */
  public static final class Retryable extends SlackException implements RetryAfter.Retryable {
    private final Duration retryAfter;

    /** With Slack's wait, or null. */
    public Retryable(String error, Duration retryAfter) {
      super(error);
      this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }
}
