package io.timetracker.connector.slack.model;

import java.time.LocalDate;

/**
 * A TimeTracker user linked to one Slack person, with their notification settings.
 *
 * @param userId the core's user id
 * @param teamId the Slack workspace
 * @param slackUserId the Slack user id ({@code U…})
 * @param slackUserName the Slack name seen when linking
 * @param settings notification and summary settings
 * @param timeZone the user's IANA time zone (from the core)
 * @param lastSummaryDate the local date of the last daily summary posted
 */
public record SlackUser(
    long userId,
    String teamId,
    String slackUserId,
    String slackUserName,
    UserSettings settings,
    String timeZone,
    LocalDate lastSummaryDate) {

  /** The core's external id of the Slack person: {@code <team id>:<user id>}. */
  public String externalId() {
    return externalId(teamId, slackUserId);
  }

  /** The core's external id of a Slack person. */
  public static String externalId(String teamId, String slackUserId) {
    return teamId + ":" + slackUserId;
  }
}
