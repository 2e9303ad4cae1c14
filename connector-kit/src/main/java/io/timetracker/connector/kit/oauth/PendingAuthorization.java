package io.timetracker.connector.kit.oauth;

/**
 * What a consumed state gives back at the callback: whose authorization it was and the PKCE
 * verifier to send with the code exchange.
 *
 * @param provider the provider it was started for
 * @param subject the OIDC subject of the person who started it
 * @param userId their id in the core, or {@code null} when it was not known
 * @param codeVerifier the PKCE verifier
 * @param context what the connector stored with the state (e.g. where to return), or {@code null}
 */
public record PendingAuthorization(
    String provider, String subject, Long userId, String codeVerifier, String context) {

  @Override
  public String toString() {
    return "PendingAuthorization[provider=" + provider + ", subject=" + subject + "]";
  }
}
