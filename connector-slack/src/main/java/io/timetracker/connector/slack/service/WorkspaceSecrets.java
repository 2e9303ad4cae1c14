package io.timetracker.connector.slack.service;

import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.slack.model.Workspace;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A workspace's secrets at rest: encrypted with the kit's {@link SecretCipher} under a context
 * naming the workspace and the column, so a ciphertext copied to another row does not decrypt.
 */
@ApplicationScoped
public class WorkspaceSecrets {

  private final SecretCipher cipher;

  /** Uses the kit's cipher. */
  public WorkspaceSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** Encrypts a bot token for a workspace (fails closed without a key). */
  public String encryptToken(String teamId, String token) {
    return cipher.encrypt(token, context(teamId, "bot_token"));
  }

  /** Encrypts a signing secret for a workspace (fails closed without a key). */
  public String encryptSigningSecret(String teamId, String secret) {
    return cipher.encrypt(secret, context(teamId, "signing_secret"));
  }

  /** The workspace's bot token. */
  public String botToken(Workspace w) {
    return cipher.decrypt(w.botToken(), context(w.teamId(), "bot_token")).value();
  }

  /** The workspace's own signing secret; null when it uses the app's. */
  public String signingSecret(Workspace w) {
    return w.signingSecret() == null
        ? null
        : cipher.decrypt(w.signingSecret(), context(w.teamId(), "signing_secret")).value();
  }

  private static String context(String teamId, String column) {
    return "slack_workspace:" + teamId + ":" + column;
  }
}
