package io.timetracker.connector.kit.crypto;

import java.util.Objects;

/**
 * A secret read back from storage. {@link #toString()} never shows the value, so the record can't
 * leak it into a log line by accident.
 *
 * @param value the plaintext
 * @param origin which key (or none) protected it
 */
public record DecryptedSecret(String value, SecretOrigin origin) {

  /** Both components are required. */
  public DecryptedSecret {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
  }

  /** True unless the value is already encrypted under the current primary key. */
  public boolean needsReEncryption() {
    return origin != SecretOrigin.CURRENT_KEY;
  }

  @Override
  public String toString() {
    return "DecryptedSecret[value=***, origin=" + origin + "]";
  }
}
