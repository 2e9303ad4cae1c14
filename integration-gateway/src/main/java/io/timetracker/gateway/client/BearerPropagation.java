package io.timetracker.gateway.client;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Sends the signed-in person's own access token to the connector (bearer from the API call, or the
 * token of the page's sign-in session), so the connector applies its own ownership rules to them.
 */
@ApplicationScoped
public class BearerPropagation implements ClientRequestFilter {

  private final Instance<SecurityIdentity> identity;

  /** The current request's identity. */
  public BearerPropagation(Instance<SecurityIdentity> identity) {
    this.identity = identity;
  }

  @Override
  public void filter(ClientRequestContext request) {
    AccessTokenCredential token = identity.get().getCredential(AccessTokenCredential.class);
    if (token != null) {
      request.getHeaders().putSingle("Authorization", "Bearer " + token.getToken());
    }
  }
}
