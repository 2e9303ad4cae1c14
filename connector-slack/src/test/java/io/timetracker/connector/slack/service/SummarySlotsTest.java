package io.timetracker.connector.slack.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SummarySlotsTest {

  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final Duration GRACE = Duration.ofHours(2);

  private static SummarySlots at(String time, ZoneId zone) {
    return new SummarySlots(zone, LocalTime.parse(time), GRACE);
  }

  @Test
  void postsAtTheLocalTimeOnceItIsReached() {
    SummarySlots slots = at("18:00", BRUSSELS);
    Instant justBefore = Instant.parse("2026-01-15T16:59:00Z");
    Instant at = Instant.parse("2026-01-15T17:00:00Z");

    assertThat(slots.decide(justBefore, LocalDate.parse("2026-01-14")).post()).isNull();
    assertThat(slots.decide(at, LocalDate.parse("2026-01-14")).post())
        .isEqualTo(LocalDate.parse("2026-01-15"));
    assertThat(slots.decide(at, null).nextDue()).isEqualTo(Instant.parse("2026-01-16T17:00:00Z"));
  }

  @Test
  void neverPostsTheSameLocalDayTwice() {
    SummarySlots slots = at("18:00", BRUSSELS);
    SummarySlots.Decision d =
        slots.decide(Instant.parse("2026-01-15T17:10:00Z"), LocalDate.parse("2026-01-15"));

    assertThat(d.post()).isNull();
    assertThat(d.nextDue()).isEqualTo(Instant.parse("2026-01-16T17:00:00Z"));
  }

  @Test
  void followsDaylightSavingTime() {
    SummarySlots slots = at("18:00", BRUSSELS);

    assertThat(slots.slot(LocalDate.parse("2026-03-28")))
        .isEqualTo(Instant.parse("2026-03-28T17:00:00Z"));
    assertThat(slots.slot(LocalDate.parse("2026-03-29")))
        .isEqualTo(Instant.parse("2026-03-29T16:00:00Z"));
    assertThat(slots.slot(LocalDate.parse("2026-10-25")))
        .isEqualTo(Instant.parse("2026-10-25T17:00:00Z"));
  }

  @Test
  void aSlotInTheSpringForwardGapMovesForwardAndStillHappensOnce() {
    SummarySlots slots = at("02:30", BRUSSELS);

    assertThat(slots.slot(LocalDate.parse("2026-03-29")))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(slots.decide(Instant.parse("2026-03-29T01:31:00Z"), null).post())
        .isEqualTo(LocalDate.parse("2026-03-29"));
  }

  @Test
  void aSlotNearMidnightMissedUntilAfterMidnightIsCaughtUpForItsOwnDay() {
    SummarySlots slots = at("23:45", BRUSSELS);
    Instant afterMidnight = Instant.parse("2026-01-15T23:30:00Z"); // 00:30 on the 16th locally

    assertThat(slots.decide(afterMidnight, LocalDate.parse("2026-01-14")).post())
        .isEqualTo(LocalDate.parse("2026-01-15"));
  }

  @Test
  void aSlotMissedBeyondTheGraceIsSkippedNotPostedLate() {
    SummarySlots slots = at("18:00", BRUSSELS);
    SummarySlots.Decision d =
        slots.decide(Instant.parse("2026-01-15T19:01:00Z"), LocalDate.parse("2026-01-14"));

    assertThat(d.post()).isNull();
    assertThat(d.nextDue()).isEqualTo(Instant.parse("2026-01-16T17:00:00Z"));
  }

  @Test
  void kolkataHasNoDaylightSavingAndAHalfHourOffset() {
    SummarySlots slots = at("18:00", ZoneId.of("Asia/Kolkata"));

    assertThat(slots.slot(LocalDate.parse("2026-03-29")))
        .isEqualTo(Instant.parse("2026-03-29T12:30:00Z"));
  }
}
