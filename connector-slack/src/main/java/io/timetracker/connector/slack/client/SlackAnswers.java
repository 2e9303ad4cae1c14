package io.timetracker.connector.slack.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The parts of Slack's Web API answers the connector reads (Slack's field names). */
public final class SlackAnswers {

  private SlackAnswers() {}

  /**
   * {@code chat.postMessage}.
   *
   * @param ok whether Slack accepted it
   * @param error Slack's error code when not
   * @param channel the channel id posted to
   * @param ts the message's timestamp (its id)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Posted(boolean ok, String error, String channel, String ts) {}

  /**
   * {@code auth.test}.
   *
   * @param ok whether the token works
   * @param error Slack's error code when not
   * @param team workspace name
   * @param user the bot user's name
   * @param teamId workspace id
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AuthTest(
      boolean ok, String error, String team, String user, @JsonProperty("team_id") String teamId) {}

  /**
   * {@code oauth.v2.access}.
   *
   * @param ok whether the code was exchanged
   * @param error Slack's error code when not
   * @param accessToken the bot token ({@code xoxb-…})
   * @param botUserId the bot's user id
   * @param team the workspace
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OAuthAccess(
      boolean ok,
      String error,
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("bot_user_id") String botUserId,
      Team team) {

    @Override
    public String toString() {
      return "OAuthAccess[ok=" + ok + ", error=" + error + ", team=" + team + "]";
    }
  }

  /**
   * A workspace in an answer.
   *
   * @param id team id
   * @param name team name
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Team(String id, String name) {}
}
