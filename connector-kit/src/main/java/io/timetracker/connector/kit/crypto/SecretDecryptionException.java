package io.timetracker.connector.kit.crypto;

/**
 * A stored {@code enc:v1:} value could not be decrypted: malformed, tampered with, bound to another
 * row or field, or under a key no longer in the keyset. Never treated as "not configured" (spec K.1
 * #8): callers surface it as an error and in health.
 */
public class SecretDecryptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Without a cause; the message never contains secret material. */
  public SecretDecryptionException(String message) {
    super(message);
  }

  /** With the underlying crypto failure; the message never contains secret material. */
  public SecretDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
