package io.timetracker.connector.kit.crypto;

/** Where a decrypted secret came from, which tells whether it should be re-encrypted. */
public enum SecretOrigin {
  /** Encrypted under the keyset's current primary key: nothing to do. */
  CURRENT_KEY,
  /** Encrypted under an older key still in the keyset: re-encrypt to finish a rotation. */
  OLDER_KEY,
  /**
   * Stored without the {@code enc:v1:} prefix by the original application (spec CR-1): read as
   * plaintext, but flagged so the caller re-encrypts it at once.
   */
  LEGACY_PLAINTEXT
}
