package io.timetracker.connector.kit.oauth;

import java.time.Instant;

/**
 * A started authorization: put {@code state} and {@code pkce.challenge()} into the provider's
 * authorization URL; the verifier is stored (encrypted) until the callback.
 *
 * @param state the single-use state value for the URL
 * @param pkce the PKCE pair
 * @param expiresAt when the state stops being accepted
 */
public record AuthorizationRequest(String state, Pkce pkce, Instant expiresAt) {

  @Override
  public String toString() {
    return "AuthorizationRequest[expiresAt=" + expiresAt + "]";
  }
}
