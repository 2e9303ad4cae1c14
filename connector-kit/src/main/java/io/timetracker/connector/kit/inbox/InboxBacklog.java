package io.timetracker.connector.kit.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The inbox's open work.
 *
 * @param open deliveries received, failed (waiting for a retry) or being processed
 * @param oldestReceivedAt when the oldest open delivery arrived, or {@code null} when none is open
 */
public record InboxBacklog(long open, Instant oldestReceivedAt) {

  /** Age of the oldest open delivery; zero when none is open. */
  public Duration oldestAge(Clock clock) {
    return oldestReceivedAt == null
        ? Duration.ZERO
        : Duration.between(oldestReceivedAt, clock.instant());
  }
}
