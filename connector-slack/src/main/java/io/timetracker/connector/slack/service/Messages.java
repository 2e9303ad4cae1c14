package io.timetracker.connector.slack.service;

import io.timetracker.connector.slack.client.Block;
import io.timetracker.connector.slack.client.PostMessage;
import io.timetracker.contracts.api.TodaySummaryDto;
import io.timetracker.contracts.event.TimeEntryStarted;
import io.timetracker.contracts.event.TimeEntryStopped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The channel posts, as Block Kit blocks with a text fallback (the same facts in both). */
public final class Messages {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private Messages() {}

  /** A timer started. */
  public static PostMessage started(
      String channel, String user, String project, TimeEntryStarted e, ZoneId zone) {
    String at = HH_MM.format(e.start().atZone(zone));
    String head = ":stopwatch: *" + user + "* started a timer";
    List<String> fields = List.of("*Project:*\n" + project, "*Started at:*\n" + at);
    String text = head + "\n*Project:* " + project + "\n*Started at:* " + at;
    return new PostMessage(channel, text, List.of(Block.section(head, fields)));
  }

  /** A timer stopped. */
  public static PostMessage stopped(
      String channel, String user, String project, TimeEntryStopped e) {
    String duration = Replies.hms(e.durationSeconds());
    String billable = e.billable() ? "Yes" : "No";
    String head = ":white_check_mark: *" + user + "* stopped a timer";
    List<String> fields =
        List.of("*Project:*\n" + project, "*Duration:*\n" + duration, "*Billable:*\n" + billable);
    String text =
        head
            + "\n*Project:* "
            + project
            + "\n*Duration:* "
            + duration
            + "\n*Billable:* "
            + billable;
    return new PostMessage(channel, text, List.of(Block.section(head, fields)));
  }

  /** The daily summary. */
  public static PostMessage summary(
      String channel, String user, LocalDate day, TodaySummaryDto today) {
    String head = ":bar_chart: *Daily summary for " + user + "* (" + day + ")";
    String hours =
        "*Hours logged:* "
            + Replies.hours(today.hours())
            + "h across "
            + today.projects()
            + " project(s)";
    String text = head + "\n" + hours + "\nHave a great evening!";
    return new PostMessage(
        channel,
        text,
        List.of(
            Block.section(head + "\n" + hours, List.of()), Block.context("Have a great evening!")));
  }
}
