package io.timetracker.timer.service;

import io.timetracker.timer.model.Rounding;
import java.time.Duration;
import java.time.Instant;

/** Duration of an entry as stored: whole seconds, rounded with the owner's rule. */
public final class Durations {
  private Durations() {}

  /** Rounded whole seconds between start and end, capped to what the column can hold. */
  public static int rounded(Instant start, Instant end, Rounding rounding) {
    long raw = Math.max(0, Duration.between(start, end).getSeconds());
    return (int) Math.min(Integer.MAX_VALUE, rounding.apply(raw));
  }
}
