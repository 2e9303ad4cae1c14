package io.timetracker.connector.slack;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests (replaces the kit's default): the system clock, unless a test
 * pins it so that a signature's age is exact to the second, however slow the machine.
 */
@Singleton
public class PinnableClock extends Clock {

  private volatile Instant pinned;

  /** Stops the clock at {@code at}. */
  public void pin(Instant at) {
    pinned = at;
  }

  /** Lets the clock run again. */
  public void release() {
    pinned = null;
  }

  @Override
  public Instant instant() {
    Instant p = pinned;
    return p != null ? p : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
