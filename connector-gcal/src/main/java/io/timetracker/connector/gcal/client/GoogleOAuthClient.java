package io.timetracker.connector.gcal.client;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig.Grant;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.config.GcalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * Google's OAuth 2.0 token endpoint through Quarkus' own OIDC client (built on first use from
 * {@code gcal.oauth.*}, so the service starts without Google credentials): the authorization-code
 * exchange with the PKCE verifier, refresh, and revocation (token in the POST body). Why this
 * library: docs/adr/0007-google-oauth-pkce-and-calendar-model.md.
 */
@ApplicationScoped
public class GoogleOAuthClient {

  private final OidcClients clients;
  private final GcalConfig.OAuth config;
  private volatile Uni<OidcClient> client;

  /** The OIDC client factory and {@code gcal.oauth.*}. */
  public GoogleOAuthClient(OidcClients clients, GcalConfig config) {
    this.clients = clients;
    this.config = config.oauth();
  }

  /** Swaps an authorization code for tokens, proving the flow with the PKCE verifier. */
  public Uni<GrantedTokens> exchange(String code, String codeVerifier) {
    Map<String, String> params =
        Map.of("code", code, "code_verifier", codeVerifier, "redirect_uri", config.redirectUri());
    return client()
        .chain(c -> c.getTokens(params))
        .map(GoogleOAuthClient::granted)
        .onFailure(OidcClientException.class)
        .transform(GoogleOAuthClient::typed);
  }

  /** A new access token (and possibly a rotated refresh token) for a refresh token. */
  public Uni<GrantedTokens> refresh(String refreshToken) {
    return client()
        .chain(c -> c.refreshTokens(refreshToken))
        .map(GoogleOAuthClient::granted)
        .onFailure(OidcClientException.class)
        .transform(GoogleOAuthClient::typed);
  }

  /** Revokes a token at Google (a refresh token revokes the whole grant); true when accepted. */
  public Uni<Boolean> revoke(String token) {
    return client().chain(c -> c.revokeAccessToken(token));
  }

  private Uni<OidcClient> client() {
    Uni<OidcClient> existing = client;
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      if (client == null) {
        client = clients.newClient(clientConfig()).memoize().indefinitely();
      }
      return client;
    }
  }

  private io.quarkus.oidc.client.runtime.OidcClientConfig clientConfig() {
    return new OidcClientConfigBuilder()
        .id("google")
        .authServerUrl(config.tokenServerUrl())
        .discoveryEnabled(false)
        .tokenPath("/token")
        .revokePath("/revoke")
        .clientId(config.clientId().orElseThrow())
        .credentials(config.clientSecret().orElseThrow())
        .grant(Grant.Type.CODE)
        .earlyTokensAcquisition(false)
        .build();
  }

  private static GrantedTokens granted(Tokens tokens) {
    Long expiresAt = tokens.getAccessTokenExpiresAt();
    return new GrantedTokens(
        tokens.getAccessToken(),
        tokens.getRefreshToken(),
        expiresAt == null ? null : Instant.ofEpochSecond(expiresAt),
        tokens.get("scope"),
        tokens.get("id_token"));
  }

  private static Throwable typed(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (message.contains("invalid_grant")) {
      return new InvalidGrantException("Google refused the grant (invalid_grant)");
    }
    return new GoogleUnavailableException("Google token endpoint failed", failure);
  }
}
