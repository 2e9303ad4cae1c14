package io.timetracker.connector.kit.signature;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Verifies GitHub's {@code X-Hub-Signature-256: sha256=<hex>} over the raw request body, before
 * anything is parsed, comparing in constant time.
 */
@ApplicationScoped
public class GitHubSignatureVerifier {

  /** The header GitHub signs deliveries with. */
  public static final String HEADER = "X-Hub-Signature-256";

  /** GitHub's unique id of a delivery, the inbox dedupe key. */
  public static final String DELIVERY_HEADER = "X-GitHub-Delivery";

  /** The event name header ({@code issues}, {@code ping}, ...). */
  public static final String EVENT_HEADER = "X-GitHub-Event";

  static final String PREFIX = "sha256=";

  /** Reads the signature header case-insensitively and verifies it. */
  public SignatureCheck verify(String secret, byte[] body, Headers headers) {
    return verify(secret, body, headers == null ? null : headers.firstOrNull(HEADER));
  }

  /** Verifies one signature header value against the body and secret; never throws. */
  public SignatureCheck verify(String secret, byte[] body, String signatureHeader) {
    if (secret == null || secret.isEmpty()) {
      return SignatureCheck.rejected(SignatureFailure.MISSING_SECRET);
    }
    String signature = signatureHeader == null ? "" : signatureHeader.strip();
    if (signature.isEmpty()) {
      return SignatureCheck.rejected(SignatureFailure.MISSING_SIGNATURE);
    }
    if (!signature.startsWith(PREFIX)) {
      return SignatureCheck.rejected(SignatureFailure.MISSING_PREFIX);
    }
    byte[] given = HmacSha256.parseDigest(signature.substring(PREFIX.length()));
    if (given == null) {
      return SignatureCheck.rejected(SignatureFailure.MALFORMED_SIGNATURE);
    }
    byte[] expected = HmacSha256.mac(secret, body == null ? new byte[0] : body);
    return HmacSha256.constantTimeEquals(expected, given)
        ? SignatureCheck.ok()
        : SignatureCheck.rejected(SignatureFailure.MISMATCH);
  }

  /** The header value GitHub would send for this body: for fixtures and tests. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HmacSha256.hex(HmacSha256.mac(secret, body));
  }

  /** {@link #sign(String, byte[])} of a UTF-8 body. */
  public static String sign(String secret, String body) {
    return sign(secret, body.getBytes(StandardCharsets.UTF_8));
  }
}
