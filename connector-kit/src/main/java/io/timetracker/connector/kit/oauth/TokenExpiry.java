package io.timetracker.connector.kit.oauth;

import java.time.Duration;
import java.time.Instant;

/**
 * When to refresh an OAuth access token: before every provider call, once it expires within the
 * margin (or its expiry is unknown), so no call is made with a token that dies mid-flight.
 */
public final class TokenExpiry {

  private TokenExpiry() {}

  /** True when the token expires at or before {@code now + margin}, or its expiry is unknown. */
  public static boolean refreshDue(Instant expiresAt, Instant now, Duration margin) {
    return expiresAt == null || !expiresAt.isAfter(now.plus(margin));
  }
}
