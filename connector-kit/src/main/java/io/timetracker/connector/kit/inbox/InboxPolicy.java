package io.timetracker.connector.kit.inbox;

import io.timetracker.connector.kit.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the inbox retries.
 *
 * @param maxAttempts attempts before a delivery is dead
 * @param backoff delay before the next attempt, by failures so far
 * @param processingTimeout how long a claim lasts before the delivery can be claimed again
 * @param headers which headers are stored
 */
public record InboxPolicy(
    int maxAttempts, Backoff backoff, Duration processingTimeout, HeaderWhitelist headers) {

  /** Validates the policy. */
  public InboxPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(headers, "headers");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (processingTimeout == null || processingTimeout.isNegative() || processingTimeout.isZero()) {
      throw new IllegalArgumentException("processingTimeout must be positive");
    }
  }

  /** From configuration. */
  public static InboxPolicy of(InboxConfig config) {
    return new InboxPolicy(
        config.maxAttempts(),
        new Backoff(config.backoffBase(), config.backoffMax(), config.backoffJitter()),
        config.processingTimeout(),
        new HeaderWhitelist(config.extraHeaders().orElse(List.of())));
  }
}
