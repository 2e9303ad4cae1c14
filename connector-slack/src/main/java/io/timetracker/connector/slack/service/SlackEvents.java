package io.timetracker.connector.slack.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.signature.Headers;
import io.timetracker.connector.kit.signature.SlackSignatureVerifier;
import io.timetracker.connector.kit.webhook.FormFields;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.model.SlackRequest;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Events API callbacks for the kit's intake: JSON bodies, verified before parsing. */
@Singleton
public class SlackEvents extends SlackRequests {

  /** URL (prefix) of the Events API; {@code /{teamId}} for a workspace with its own app. */
  public static final String PATH = "/api/integrations/slack/events";

  private final ObjectMapper json;
  private final SlackCommands commands;

  /** Collaborators. */
  public SlackEvents(
      WorkspaceDirectory workspaces,
      SlackSignatureVerifier verifier,
      SlackConfig config,
      ObjectMapper json,
      SlackCommands commands) {
    super(workspaces, verifier, config);
    this.json = json;
    this.commands = commands;
  }

  @Override
  public String name() {
    return "slack-events";
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public SlackRequest parse(byte[] body, Headers headers) {
    if (FormFields.isForm(headers.firstOrNull("Content-Type"))) {
      // an app whose slash command points at the events URL: the same command, answered alike
      return commands.parse(body, headers);
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw ApiException.invalid("malformed_payload", "Body is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.invalid("malformed_payload", "Body is not a JSON object");
    }
    String team = node.path("team_id").asText(null);
    return new SlackRequest.Event(node.path("type").asText(""), team, node);
  }
}
