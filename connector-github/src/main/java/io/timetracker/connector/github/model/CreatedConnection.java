package io.timetracker.connector.github.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of create and rotate: the only time the webhook secret is shown. Paste both values
 * into the repository's webhook settings on GitHub.
 *
 * @param ok always true
 * @param connection the settings
 * @param webhookUrl payload URL for GitHub
 * @param webhookSecret the secret for GitHub; shown once, stored encrypted
 */
@Schema(name = "GithubWebhookSecret")
public record CreatedConnection(
    boolean ok, ConnectionSettings connection, String webhookUrl, String webhookSecret) {

  @Override
  public String toString() {
    return "CreatedConnection[" + connection + ", webhookSecret=***]";
  }
}
