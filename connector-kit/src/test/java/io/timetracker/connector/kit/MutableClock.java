package io.timetracker.connector.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock tests move by hand, so leases and backoff expire without waiting. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /** Starts at {@code start}, truncated to microseconds as PostgreSQL stores it. */
  public MutableClock(Instant start) {
    this.now = start.truncatedTo(ChronoUnit.MICROS);
  }

  /** Moves the clock forward. */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
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
