package io.timetracker.connector.slack.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A verified request from Slack, parsed once: a slash command (form) or an Events API callback
 * (JSON).
 */
public sealed interface SlackRequest {

  /** A slash command. */
  record Command(SlashCommand command) implements SlackRequest {}

  /**
   * An Events API body.
   *
   * @param type {@code url_verification}, {@code event_callback}, …
   * @param teamId the workspace, when the body names one
   * @param body the whole JSON
   */
  record Event(String type, String teamId, JsonNode body) implements SlackRequest {}
}
