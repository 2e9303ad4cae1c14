package io.timetracker.connector.slack.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An admin's registration of a workspace's Slack app.
 *
 * @param teamId the workspace's team id ({@code T…})
 * @param teamName its name (optional)
 * @param botToken the app's bot token ({@code xoxb-…})
 * @param signingSecret the app's signing secret; absent: the app configured in {@code
 *     slack.signing-secret}
 */
@Schema(name = "SlackWorkspaceRequest")
public record WorkspaceRequest(
    String teamId, String teamName, String botToken, String signingSecret) {

  @Override
  public String toString() {
    return "WorkspaceRequest[teamId=" + teamId + "]";
  }
}
