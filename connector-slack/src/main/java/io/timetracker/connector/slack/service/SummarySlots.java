package io.timetracker.connector.slack.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a user's daily summary is due: at {@code HH:MM} on each local day in their own time zone. A
 * slot that falls into a DST gap moves forward by the gap (02:30 on a spring-forward night is
 * 03:30); in an overlap the earlier instant counts, so a day still has exactly one slot. Pure, no
 * clock of its own.
 *
 * @param zone the user's time zone
 * @param time the local time of the summary
 * @param grace how late a missed slot may still be posted
 */
public record SummarySlots(ZoneId zone, LocalTime time, Duration grace) {

  /** The instant of the slot on a local day. */
  public Instant slot(LocalDate day) {
    return ZonedDateTime.of(day, time, zone).toInstant();
  }

  /** The local day of the latest slot at or before {@code now}. */
  public LocalDate latestDay(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    return slot(today).isAfter(now) ? today.minusDays(1) : today;
  }

  /**
   * What to do at {@code now}, given the last day a summary was posted for.
   *
   * @param lastPosted the last local day posted, or null
   */
  public Decision decide(Instant now, LocalDate lastPosted) {
    LocalDate day = latestDay(now);
    Instant next = slot(day.plusDays(1));
    if (lastPosted != null && !lastPosted.isBefore(day)) {
      return new Decision(null, next);
    }
    if (Duration.between(slot(day), now).compareTo(grace) > 0) {
      return new Decision(null, next);
    }
    return new Decision(day, next);
  }

  /** When the first check is due for a user who has not been posted {@code lastPosted}. */
  public Instant firstDue(Instant now, LocalDate lastPosted) {
    Decision d = decide(now, lastPosted);
    return d.post() != null ? now : d.nextDue();
  }

  /**
   * A decision.
   *
   * @param post the local day to post a summary for now, or null (already posted, or missed beyond
   *     the grace)
   * @param nextDue when to look again
   */
  public record Decision(LocalDate post, Instant nextDue) {}
}
