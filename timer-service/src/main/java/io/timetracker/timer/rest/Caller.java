package io.timetracker.timer.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.timer.service.CurrentUser;
import io.timetracker.timer.service.TimerStatusQuery;
import io.timetracker.timer.service.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Resolves the signed-in person of a request into a user row, creating it on first sign-in. */
@ApplicationScoped
public class Caller {
  private final SecurityIdentity identity;
  private final JsonWebToken jwt;
  private final UserDirectory directory;

  public Caller(SecurityIdentity identity, JsonWebToken jwt, UserDirectory directory) {
    this.identity = identity;
    this.jwt = jwt;
    this.directory = directory;
  }

  /** The caller as a user of the core. */
  public Uni<CurrentUser> user() {
    String subject = jwt.getSubject();
    String username = jwt.getClaim("preferred_username");
    return directory.signIn(
        subject == null ? identity.getPrincipal().getName() : subject,
        username == null ? identity.getPrincipal().getName() : username,
        jwt.getClaim("email"),
        jwt.getClaim("name"),
        identity.hasRole("admin"));
  }

  /**
   * The caller's timer state. When the caller's row already carries the token's claims this is one
   * statement (user, running entry and project together, {@link TimerStatusQuery}); otherwise the
   * caller signs in as on any other request ({@link #user()}) and the state is read after.
   */
  public Uni<TimerStatusDto> timerStatus(TimerStatusQuery query) {
    String subject = jwt.getSubject();
    if (subject == null) {
      return user().chain(query::status);
    }
    return query
        .bySubject(subject)
        .chain(
            found -> {
              if (found != null
                  && UserDirectory.sameClaims(
                      found.email(),
                      found.fullName(),
                      found.role(),
                      jwt.getClaim("email"),
                      jwt.getClaim("name"),
                      identity.hasRole("admin"))) {
                UserDirectory.requireActiveSignedIn(found.user());
                return Uni.createFrom().item(found.status());
              }
              return user().chain(query::status);
            });
  }
}
