package io.timetracker.connector.kit.crypto;

/**
 * No usable encryption key is configured, so a secret cannot be stored (fail closed) or an
 * encrypted one cannot be read. Connectors map it to "cannot store secrets" rather than storing
 * plaintext.
 */
public class EncryptionUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** With the reason the cipher reports in health. */
  public EncryptionUnavailableException(String reason) {
    super(reason);
  }
}
