package io.timetracker.timer.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Converts calendar days in a user's zone into instant windows, DST included. */
public final class LocalDays {
  private LocalDays() {}

  /** [first local midnight of {@code from}, first local midnight after {@code to}). */
  public static Window window(LocalDate from, LocalDate to, ZoneId zone) {
    return new Window(
        from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** A half-open instant interval. */
  public record Window(Instant start, Instant end) {}
}
