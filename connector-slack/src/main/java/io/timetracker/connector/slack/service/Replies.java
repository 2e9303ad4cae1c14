package io.timetracker.connector.slack.service;

import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.TodaySummaryDto;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The texts {@code /tt} answers with (Slack mrkdwn), in one place. */
public final class Replies {

  /** Shown for {@code help}, an empty or an unknown command. */
  public static final String HELP =
      String.join(
          "\n",
          "*TimeTracker* commands:",
          "• `/tt start <project>` – start a timer (project name, part of it, or ID)",
          "• `/tt stop` – stop the running timer",
          "• `/tt status` – show the running timer",
          "• `/tt today` – hours tracked today",
          "• `/tt link` – link your Slack account to TimeTracker");

  /** {@code /tt start} without a project. */
  public static final String START_USAGE = "Usage: `/tt start <project name or ID>`";

  /** The core was too slow or is down: nothing happened, the user may retry. */
  public static final String TRY_AGAIN =
      "TimeTracker is not answering quickly enough right now. Please try again in a moment.";

  /** A retried request whose first copy is still being handled. */
  public static final String IN_PROGRESS = "Working on it – this command was already received.";

  /** No running timer. */
  public static final String NO_TIMER = "No active timer.";

  private static final int MAX_LISTED = 10;

  private Replies() {}

  /** A Slack person who is not linked yet. */
  public static String notLinked() {
    return "Your Slack account is not linked to TimeTracker yet, so nothing was done."
        + " Run `/tt link` and open the link while signed in to TimeTracker.";
  }

  /** The one-time link for {@code /tt link}. */
  public static String linkOffer(String url, Duration ttl) {
    return ":link: Open this link while signed in to TimeTracker to link your Slack account"
        + " (valid for "
        + ttl.toMinutes()
        + " minutes, once): "
        + url;
  }

  /** A workspace the app is not installed in. */
  public static String notInstalled() {
    return "TimeTracker is not installed in this Slack workspace. Ask an admin to add it.";
  }

  /** Started. */
  public static String started(ProjectDto project) {
    return ":stopwatch: Timer started for *" + project.name() + "*.";
  }

  /** Nothing matched. */
  public static String noProject(String argument) {
    return "Project not found: `" + argument + "`. " + START_USAGE;
  }

  /** Several matched: the candidates, each with the command that starts it. */
  public static String ambiguous(String argument, List<ProjectDto> candidates) {
    StringBuilder text =
        new StringBuilder("Several projects match `").append(argument).append("`:");
    candidates.stream()
        .limit(MAX_LISTED)
        .forEach(
            p ->
                text.append("\n• *")
                    .append(p.name())
                    .append("* – `/tt start ")
                    .append(p.id())
                    .append('`'));
    if (candidates.size() > MAX_LISTED) {
      text.append("\n…and ").append(candidates.size() - MAX_LISTED).append(" more.");
    }
    return text.toString();
  }

  /** Start refused by the core. */
  public static String couldNotStart(String why) {
    return "Could not start timer: " + why;
  }

  /** Stopped. */
  public static String stopped(Integer durationSeconds) {
    return ":white_check_mark: Timer stopped (duration "
        + hms(durationSeconds == null ? 0 : durationSeconds)
        + ").";
  }

  /** Stop refused by the core. */
  public static String couldNotStop(String why) {
    return "Could not stop timer: " + why;
  }

  /** The running timer. */
  public static String status(TimerStatusDto status) {
    if (!status.running()) {
      return NO_TIMER;
    }
    String project = status.projectName() == null ? "—" : status.projectName();
    long elapsed = status.elapsedSeconds() == null ? 0 : status.elapsedSeconds();
    return ":hourglass_flowing_sand: Active timer on *"
        + project
        + "* (running "
        + hms(elapsed)
        + ").";
  }

  /** Today's hours. */
  public static String today(TodaySummaryDto today) {
    return ":bar_chart: Today: *"
        + hours(today.hours())
        + "h* across *"
        + today.projects()
        + "* project(s).";
  }

  /** {@code HH:MM:SS}. */
  public static String hms(long seconds) {
    long s = Math.max(0, seconds);
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
  }

  /** Hours with at most two decimals, no trailing zeros ({@code 1.5}, {@code 0}). */
  public static String hours(double hours) {
    return java.math.BigDecimal.valueOf(hours)
        .setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
