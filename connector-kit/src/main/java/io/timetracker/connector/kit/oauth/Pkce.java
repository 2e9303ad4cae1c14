package io.timetracker.connector.kit.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A PKCE pair (RFC 7636) with the {@code S256} method: the verifier stays with us until the code
 * exchange, only its challenge goes into the authorization URL, so a stolen code is useless.
 *
 * @param verifier 43 URL-safe characters from 32 random bytes
 * @param challenge {@code BASE64URL(SHA-256(verifier))}, unpadded
 */
public record Pkce(String verifier, String challenge) {

  /** The only challenge method we send. */
  public static final String METHOD = "S256";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  /** Requires both parts; the challenge must belong to the verifier. */
  public Pkce {
    Objects.requireNonNull(verifier, "verifier");
    if (!s256(verifier).equals(challenge)) {
      throw new IllegalArgumentException("challenge does not match the verifier");
    }
  }

  /** A fresh random pair. */
  public static Pkce generate() {
    String verifier = randomToken(32);
    return new Pkce(verifier, s256(verifier));
  }

  /** The S256 challenge of a verifier. */
  public static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** URL-safe random text from {@code bytes} random bytes (state values, verifiers). */
  public static String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return URL.encodeToString(raw);
  }

  @Override
  public String toString() {
    return "Pkce[challenge=" + challenge + "]";
  }
}
