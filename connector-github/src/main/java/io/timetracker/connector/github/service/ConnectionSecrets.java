package io.timetracker.connector.github.service;

import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.crypto.SecretDecryptionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A connection's secrets as stored: a new webhook secret, its encryption, the replaced secret kept
 * for the rotation overlap, and the token. Each under its own cipher context ({@link Connection}).
 */
@ApplicationScoped
public class ConnectionSecrets {

  private static final Logger LOG = Logger.getLogger(ConnectionSecrets.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretCipher cipher;

  /** The kit's cipher. */
  public ConnectionSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** 32 random bytes, base64url: what the user pastes into GitHub. */
  public String newWebhookSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a webhook secret of connection {@code id}. */
  public String webhookSecret(UUID id, String secret) {
    return cipher.encrypt(secret, Connection.secretContext(id));
  }

  /** The stored form of a token, or {@code null} for none. */
  public String token(UUID id, String token) {
    return token == null || token.isBlank()
        ? null
        : cipher.encrypt(token.strip(), Connection.tokenContext(id));
  }

  /**
   * The webhook secrets a delivery to {@code c} may be signed with at {@code now}, decrypted: the
   * current one, and the one replaced by a rotation while its overlap lasts. A secret that does not
   * decrypt (key removed, tampered, unencrypted) is left out: nothing can verify against it, and
   * the connection's status shows why.
   */
  public List<String> webhookCandidates(Connection c, Instant now) {
    List<String> secrets = new ArrayList<>(2);
    for (Connection.StoredSecret stored : c.webhookSecrets(now)) {
      try {
        secrets.add(cipher.decrypt(stored.ciphertext(), stored.context()).value());
      } catch (RuntimeException e) {
        LOG.warnf("%s of connection %s cannot be decrypted: %s", stored, c.id(), e.getMessage());
      }
    }
    return secrets;
  }

  /**
   * The current webhook secret re-encrypted as the previous one; {@code null} when it no longer
   * decrypts (then it is not carried over).
   */
  public String asPrevious(Connection c) {
    try {
      String current = cipher.decrypt(c.webhookSecret(), Connection.secretContext(c.id())).value();
      return cipher.encrypt(current, Connection.previousSecretContext(c.id()));
    } catch (SecretDecryptionException e) {
      LOG.warnf("webhook secret of %s cannot be decrypted: not kept for the overlap", c);
      return null;
    }
  }
}
