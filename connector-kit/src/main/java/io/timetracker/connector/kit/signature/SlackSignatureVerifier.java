package io.timetracker.connector.kit.signature;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Verifies Slack's request signing: {@code X-Slack-Signature: v0=<hex>} is the HMAC-SHA256 of
 * {@code v0:{X-Slack-Request-Timestamp}:{raw body}}, and the timestamp must lie within five minutes
 * of now in either direction (a replay guard; spec E.2, DESIGN §6).
 */
@ApplicationScoped
public class SlackSignatureVerifier {

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";

  /** The timestamp header, epoch seconds. */
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

  /** How far the timestamp may be from now, both ways. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  static final String PREFIX = "v0=";
  private static final int MAX_TIMESTAMP_DIGITS = 15;

  private final Clock clock;

  /** Checks timestamps against {@code clock}. */
  @Inject
  public SlackSignatureVerifier(Clock clock) {
    this.clock = clock;
  }

  /** Reads both headers case-insensitively and verifies them. */
  public SignatureCheck verify(String signingSecret, byte[] body, Headers headers) {
    Headers h = headers == null ? Headers.empty() : headers;
    return verify(
        signingSecret, body, h.firstOrNull(TIMESTAMP_HEADER), h.firstOrNull(SIGNATURE_HEADER));
  }

  /** Verifies the header values against the body and secret; never throws. */
  public SignatureCheck verify(
      String signingSecret, byte[] body, String timestampHeader, String signatureHeader) {
    if (signingSecret == null || signingSecret.isEmpty()) {
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
    String timestamp = timestampHeader == null ? "" : timestampHeader.strip();
    if (timestamp.isEmpty()) {
      return SignatureCheck.rejected(SignatureFailure.MISSING_TIMESTAMP);
    }
    if (!isEpochSeconds(timestamp)) {
      return SignatureCheck.rejected(SignatureFailure.MALFORMED_TIMESTAMP);
    }
    long seconds = Long.parseLong(timestamp);
    long now = clock.instant().getEpochSecond();
    if (seconds < now - WINDOW.toSeconds()) {
      return SignatureCheck.rejected(SignatureFailure.STALE_TIMESTAMP);
    }
    if (seconds > now + WINDOW.toSeconds()) {
      return SignatureCheck.rejected(SignatureFailure.FUTURE_TIMESTAMP);
    }
    byte[] expected = HmacSha256.mac(signingSecret, baseString(timestamp), orEmpty(body));
    return HmacSha256.constantTimeEquals(expected, given)
        ? SignatureCheck.ok()
        : SignatureCheck.rejected(SignatureFailure.MISMATCH);
  }

  /** The {@code X-Slack-Signature} value Slack would send: for fixtures and tests. */
  public static String sign(String signingSecret, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    return PREFIX + HmacSha256.hex(HmacSha256.mac(signingSecret, baseString(ts), orEmpty(body)));
  }

  private static byte[] baseString(String timestamp) {
    return ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] orEmpty(byte[] body) {
    return body == null ? new byte[0] : body;
  }

  private static boolean isEpochSeconds(String text) {
    if (text.length() > MAX_TIMESTAMP_DIGITS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
