package io.timetracker.connector.github.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits per token: GitHub counts requests per token, so a token that hit its limit waits
 * until the time GitHub gave ({@code Retry-After} or {@code X-RateLimit-Reset}) while every other
 * token keeps calling. Tokens are kept only as SHA-256 fingerprints.
 */
@ApplicationScoped
public class TokenRateLimits {

  /** Wait assumed when GitHub rate-limits without saying for how long. */
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(1);

  private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
  private final Clock clock;

  /** With the application's clock. */
  public TokenRateLimits(Clock clock) {
    this.clock = clock;
  }

  /** Until when this token must not call GitHub, if it is waiting now. */
  public Optional<Instant> blockedUntil(String token) {
    Instant until = blockedUntil.get(fingerprint(token));
    if (until == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(until)) {
      blockedUntil.remove(fingerprint(token), until);
      return Optional.empty();
    }
    return Optional.of(until);
  }

  /** Records a limit GitHub answered for this token; the answer carries the time it ends. */
  public GithubRateLimitedException limited(String token, GithubException e) {
    Instant until = clock.instant().plus(e.retryAfter().orElse(DEFAULT_WAIT));
    blockedUntil.merge(fingerprint(token), until, (a, b) -> a.isAfter(b) ? a : b);
    return new GithubRateLimitedException(e.status(), e.retryAfter().orElse(null), until);
  }

  /** Forgets every limit (tests). */
  public void clear() {
    blockedUntil.clear();
  }

  private static String fingerprint(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
