package io.timetracker.connector.kit.crypto;

/**
 * Whether secrets can be stored, for health checks and startup logs.
 *
 * @param ready a valid keyset is configured
 * @param reason why not ready ({@code "no encryption key configured"}, ...); {@code null} when
 *     ready
 * @param primaryKeyId the current key id as written in {@code enc:v1:<keyId>:}; {@code null} when
 *     not ready
 * @param keyCount keys in the keyset, the primary included
 */
public record CipherStatus(boolean ready, String reason, String primaryKeyId, int keyCount) {

  /** The reason health reports when no keyset is configured. */
  public static final String NO_KEY = "no encryption key configured";

  /** The reason health reports when the configured keyset can't be used. */
  public static final String INVALID_KEY = "encryption keyset invalid";

  static CipherStatus ready(int primaryKeyId, int keyCount) {
    return new CipherStatus(true, null, EncryptedValue.formatKeyId(primaryKeyId), keyCount);
  }

  static CipherStatus notReady(String reason) {
    return new CipherStatus(false, reason, null, 0);
  }
}
