package io.timetracker.connector.github.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.timetracker.connector.github.model.Caller;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in person of the current request. */
@RequestScoped
public class Callers {

  private final SecurityIdentity identity;
  private final JsonWebToken jwt;

  /** From the verified bearer token. */
  public Callers(SecurityIdentity identity, JsonWebToken jwt) {
    this.identity = identity;
    this.jwt = jwt;
  }

  /** The caller: subject, raw token (forwarded to the core's /me only), admin role. */
  public Caller current() {
    return new Caller(jwt.getSubject(), jwt.getRawToken(), identity.hasRole("admin"));
  }
}
