package io.timetracker.timer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Local calendar days as instant windows, across DST changes, without a Quarkus boot. */
class LocalDaysTest {

  @ParameterizedTest(name = "{0} {1}: starts {2}, lasts {3}")
  @CsvSource({
    // spring forward: 02:00 PST -> 03:00 PDT
    "America/Los_Angeles, 2026-03-08, 2026-03-08T08:00:00Z, PT23H",
    // fall back: 02:00 PDT -> 01:00 PST
    "America/Los_Angeles, 2026-11-01, 2026-11-01T07:00:00Z, PT25H",
    // NZDT ends: 03:00 NZDT -> 02:00 NZST
    "Pacific/Auckland, 2026-04-05, 2026-04-04T11:00:00Z, PT25H",
    // NZDT starts: 02:00 NZST -> 03:00 NZDT
    "Pacific/Auckland, 2026-09-27, 2026-09-26T12:00:00Z, PT23H",
    // ordinary days either side of the changes
    "America/Los_Angeles, 2026-03-07, 2026-03-07T08:00:00Z, PT24H",
    "America/Los_Angeles, 2026-03-09, 2026-03-09T07:00:00Z, PT24H",
    "Pacific/Auckland, 2026-06-15, 2026-06-14T12:00:00Z, PT24H",
    "UTC, 2026-03-08, 2026-03-08T00:00:00Z, PT24H",
  })
  void oneDayIsTheSpanBetweenTwoLocalMidnights(
      String zone, LocalDate day, Instant start, Duration length) {
    LocalDays.Window w = LocalDays.window(day, day, ZoneId.of(zone));

    assertThat(w.start()).isEqualTo(start);
    assertThat(Duration.between(w.start(), w.end())).isEqualTo(length);
  }

  @Test
  void aDayWithoutMidnightStartsAtItsFirstValidInstant() {
    // Santiago springs forward at 24:00: 2026-09-06 begins at 01:00 -03
    LocalDays.Window w =
        LocalDays.window(
            LocalDate.parse("2026-09-06"),
            LocalDate.parse("2026-09-06"),
            ZoneId.of("America/Santiago"));

    assertThat(w.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
    assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void aRangeRunsFromTheFirstLocalMidnightToTheMidnightAfterTheLastDay() {
    LocalDays.Window w =
        LocalDays.window(
            LocalDate.parse("2026-03-07"),
            LocalDate.parse("2026-03-09"),
            ZoneId.of("America/Los_Angeles"));

    assertThat(w.start()).isEqualTo(Instant.parse("2026-03-07T08:00:00Z"));
    assertThat(w.end()).isEqualTo(Instant.parse("2026-03-10T07:00:00Z"));
    assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofHours(71));
  }

  @Test
  void consecutiveDaysTileTimeWithoutGapOrOverlap() {
    ZoneId zone = ZoneId.of("Pacific/Auckland");
    LocalDate day = LocalDate.parse("2026-01-01");
    Instant previousEnd = LocalDays.window(day, day, zone).start();
    for (int i = 0; i < 366; i++, day = day.plusDays(1)) {
      LocalDays.Window w = LocalDays.window(day, day, zone);
      assertThat(w.start()).isEqualTo(previousEnd);
      assertThat(w.end()).isAfter(w.start());
      previousEnd = w.end();
    }
  }
}
