package io.timetracker.connector.slack.model;

import io.timetracker.connector.kit.problem.ApiException;
import java.util.Locale;
import java.util.Map;

/**
 * A slash command as Slack posts it (form fields), parsed once after its signature held.
 *
 * @param teamId workspace ({@code team_id})
 * @param userId the invoking Slack user ({@code user_id})
 * @param userName their name ({@code user_name})
 * @param command the command ({@code /tt})
 * @param text what follows the command
 * @param triggerId Slack's id of this invocation; the same on a retried request
 */
public record SlashCommand(
    String teamId, String userId, String userName, String command, String text, String triggerId) {

  /** From the form fields; a missing team or user is a 400. */
  public static SlashCommand of(Map<String, String> form) {
    String team = form.get("team_id");
    String user = form.get("user_id");
    if (team == null || team.isBlank() || user == null || user.isBlank()) {
      throw ApiException.invalid("malformed_command", "team_id and user_id are required");
    }
    return new SlashCommand(
        team,
        user,
        form.getOrDefault("user_name", user),
        form.getOrDefault("command", "/tt"),
        form.getOrDefault("text", ""),
        form.get("trigger_id"));
  }

  /** The first word of the text, lower-cased; empty when there is none. */
  public String subcommand() {
    String t = text.strip();
    int space = firstSpace(t);
    return (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
  }

  /** The text after the first word, trimmed (inner spaces kept). */
  public String argument() {
    String t = text.strip();
    int space = firstSpace(t);
    return space < 0 ? "" : t.substring(space).strip();
  }

  private static int firstSpace(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isWhitespace(t.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
