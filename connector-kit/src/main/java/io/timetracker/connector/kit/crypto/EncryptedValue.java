package io.timetracker.connector.kit.crypto;

import java.util.Arrays;
import java.util.Base64;

/**
 * The stored form of a secret: {@code enc:v1:<keyId>:<base64url(Tink ciphertext)>}. The key id is
 * the Tink key id in unsigned decimal (as Tink's JSON keyset shows it), so rows still under an old
 * key can be counted with SQL; the ciphertext carries the same id in its Tink prefix and the two
 * must agree.
 *
 * @param keyId Tink key id
 * @param ciphertext Tink AEAD output, including its 5-byte key prefix
 */
public record EncryptedValue(int keyId, byte[] ciphertext) {

  /** Marks a value as encrypted by this suite, version 1. */
  public static final String PREFIX = "enc:v1:";

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** True if the value carries the {@code enc:v1:} prefix, well-formed or not. */
  public static boolean isEncrypted(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /**
   * Parses a prefixed value.
   *
   * @throws SecretDecryptionException if it is not {@code enc:v1:<keyId>:<base64url>}
   */
  public static EncryptedValue parse(String stored) {
    if (!isEncrypted(stored)) {
      throw new SecretDecryptionException("value is not " + PREFIX + "<keyId>:<ciphertext>");
    }
    String rest = stored.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      throw new SecretDecryptionException("malformed " + PREFIX + " value");
    }
    try {
      int keyId = Integer.parseUnsignedInt(rest.substring(0, colon));
      byte[] ciphertext = DECODER.decode(rest.substring(colon + 1));
      return new EncryptedValue(keyId, ciphertext);
    } catch (IllegalArgumentException e) {
      // NumberFormatException included; the message names no content
      throw new SecretDecryptionException("malformed " + PREFIX + " value");
    }
  }

  /** The key id of a prefixed value, without decrypting it. */
  public static String keyIdOf(String stored) {
    return formatKeyId(parse(stored).keyId());
  }

  /** Unsigned decimal, as in Tink's JSON keysets. */
  public static String formatKeyId(int keyId) {
    return Integer.toUnsignedString(keyId);
  }

  /** The stored text. */
  public String format() {
    return PREFIX + formatKeyId(keyId) + ":" + ENCODER.encodeToString(ciphertext);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncryptedValue that
        && keyId == that.keyId
        && Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * keyId + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return format();
  }
}
