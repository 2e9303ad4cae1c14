package io.timetracker.connector.kit.api;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in person calling a connector's user API, taken from the verified bearer token.
 *
 * @param subject OIDC subject of the token
 * @param rawToken the bearer token, only forwarded to the core's {@code /me}
 * @param admin whether they have role {@code admin} (may act on others' connections)
 */
public record Caller(String subject, String rawToken, boolean admin) {

  /** The caller of the current request; a resource passes its injected identity. */
  public static Caller of(SecurityIdentity identity) {
    JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
    return new Caller(jwt.getSubject(), jwt.getRawToken(), identity.hasRole("admin"));
  }

  @Override
  public String toString() {
    return "Caller[subject=" + subject + ", admin=" + admin + "]";
  }
}
