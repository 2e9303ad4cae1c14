package io.timetracker.connector.slack.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A linked user's Slack connection as the user API shows it (no secrets).
 *
 * @param teamId the Slack workspace
 * @param slackUserId the linked Slack person
 * @param slackUserName their name when linked
 * @param timeZone the time zone daily summaries use (the user's, from the core)
 * @param channelId where posts go
 * @param notifyOnStart post when a timer starts
 * @param notifyOnStop post when a timer stops
 * @param dailySummary post a daily summary
 * @param dailySummaryTime {@code HH:MM} local time of the summary
 * @param lastSummaryDate the local day of the last summary posted
 */
@Schema(name = "SlackConnection")
public record SettingsView(
    String teamId,
    String slackUserId,
    String slackUserName,
    String timeZone,
    String channelId,
    boolean notifyOnStart,
    boolean notifyOnStop,
    boolean dailySummary,
    String dailySummaryTime,
    java.time.LocalDate lastSummaryDate) {

  /** The view of a linked user. */
  public static SettingsView of(SlackUser u) {
    UserSettings s = u.settings();
    return new SettingsView(
        u.teamId(),
        u.slackUserId(),
        u.slackUserName(),
        u.timeZone(),
        s.channelId(),
        s.notifyOnStart(),
        s.notifyOnStop(),
        s.dailySummary(),
        s.dailySummaryTime(),
        u.lastSummaryDate());
  }
}
