package io.timetracker.connector.kit.crypto;

/**
 * A secret column holds a value without the {@code enc:v1:} prefix. It is refused (fail closed) and
 * never used as a secret: the owner stores the secret again through the API, which encrypts it.
 */
public class UnencryptedSecretException extends SecretDecryptionException {

  private static final long serialVersionUID = 1L;

  /** The message names the problem and the fix, never the value. */
  public UnencryptedSecretException() {
    super(
        "stored value is not encrypted (no "
            + EncryptedValue.PREFIX
            + " prefix): refused, never used as a secret; store the secret again");
  }
}
