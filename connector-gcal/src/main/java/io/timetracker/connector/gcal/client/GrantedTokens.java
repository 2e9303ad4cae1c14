package io.timetracker.connector.gcal.client;

import java.time.Instant;

/**
 * Tokens from Google's token endpoint, in plaintext: encrypt before storing, never log.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, or null when Google sent none (it does on consent only)
 * @param expiresAt when the access token expires
 * @param scopes the granted scopes, space-separated, or null
 * @param idToken the OpenID id token (signed JWT), or null
 */
public record GrantedTokens(
    String accessToken, String refreshToken, Instant expiresAt, String scopes, String idToken) {

  @Override
  public String toString() {
    return "GrantedTokens[expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
  }
}
