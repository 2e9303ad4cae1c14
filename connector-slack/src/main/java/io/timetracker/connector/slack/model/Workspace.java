package io.timetracker.connector.slack.model;

import java.time.Instant;

/**
 * A Slack workspace the app is installed in. Secrets are the stored {@code enc:v1:} ciphertexts;
 * {@link #toString()} never shows them.
 *
 * @param teamId Slack's team id ({@code T…})
 * @param teamName the workspace's name, when known
 * @param botToken the encrypted bot token ({@code xoxb-…})
 * @param signingSecret the encrypted signing secret of the workspace's own app; {@code null} when
 *     the workspace uses the app configured in {@code slack.signing-secret}
 * @param botUserId the bot's user id, when known
 * @param installedBy the TimeTracker user who installed or registered it
 * @param origin {@code admin} (registered) or {@code oauth} ("Add to Slack")
 * @param createdAt created
 */
public record Workspace(
    String teamId,
    String teamName,
    String botToken,
    String signingSecret,
    String botUserId,
    Long installedBy,
    String origin,
    Instant createdAt) {

  @Override
  public String toString() {
    return "Workspace[teamId=" + teamId + ", origin=" + origin + "]";
  }
}
