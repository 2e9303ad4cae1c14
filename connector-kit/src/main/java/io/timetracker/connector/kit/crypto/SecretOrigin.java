package io.timetracker.connector.kit.crypto;

/** Where a decrypted secret came from, which tells whether it should be re-encrypted. */
public enum SecretOrigin {
  /** Encrypted under the keyset's current primary key: nothing to do. */
  CURRENT_KEY,
  /** Encrypted under an older key still in the keyset: re-encrypt to finish a rotation. */
  OLDER_KEY
}
