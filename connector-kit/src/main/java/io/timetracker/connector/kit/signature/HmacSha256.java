package io.timetracker.connector.kit.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over raw bytes with the JDK only, plus hex helpers and a constant-time compare. */
public final class HmacSha256 {

  /** Length of an HMAC-SHA256 in bytes. */
  public static final int LENGTH = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private HmacSha256() {}

  /** HMAC of the concatenated parts under the UTF-8 bytes of {@code secret}. */
  public static byte[] mac(String secret, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory in every JDK; a non-empty key is always valid
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Lower-case hex of the bytes. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Parses exactly {@link #LENGTH} bytes of hex (either case); {@code null} if the text is anything
   * else. Never throws.
   */
  public static byte[] parseDigest(String hex) {
    if (hex == null || hex.length() != LENGTH * 2) {
      return null;
    }
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return null;
      }
    }
    return HEX.parseHex(hex);
  }

  /** Compares two digests in time independent of where they differ. */
  public static boolean constantTimeEquals(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }
}
