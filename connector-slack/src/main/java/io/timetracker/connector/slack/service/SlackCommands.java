package io.timetracker.connector.slack.service;

import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.signature.Headers;
import io.timetracker.connector.kit.signature.SlackSignatureVerifier;
import io.timetracker.connector.kit.webhook.FormFields;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.model.SlackRequest;
import io.timetracker.connector.slack.model.SlashCommand;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Slash commands ({@code /tt}) for the kit's intake: form bodies, verified before parsing. */
@Singleton
public class SlackCommands extends SlackRequests {

  /** URL (prefix) of slash commands; {@code /{teamId}} for a workspace with its own app. */
  public static final String PATH = "/api/integrations/slack/commands";

  /** Collaborators. */
  public SlackCommands(
      WorkspaceDirectory workspaces, SlackSignatureVerifier verifier, SlackConfig config) {
    super(workspaces, verifier, config);
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public SlackRequest parse(byte[] body, Headers headers) {
    Map<String, String> form;
    try {
      form = new LinkedHashMap<>(FormFields.parse(body));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("malformed_command", "Not a form body");
    }
    // A retried request carries the same trigger id; without one the body itself (which holds
    // the invocation's response_url) identifies the invocation.
    form.putIfAbsent("trigger_id", "body:" + sha256(body));
    return new SlackRequest.Command(SlashCommand.of(form));
  }

  static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
