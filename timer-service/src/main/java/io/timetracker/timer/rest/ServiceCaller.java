package io.timetracker.timer.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.timer.config.ServiceClientsConfig;
import io.timetracker.timer.service.ApiException;
import io.timetracker.timer.service.Capability;
import io.timetracker.timer.service.CurrentUser;
import io.timetracker.timer.service.ServiceClient;
import io.timetracker.timer.service.TimerStatusQuery;
import io.timetracker.timer.service.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The connector behind a service-API request: its client id (the token's {@code azp}, else {@code
 * client_id}), the capability the operation needs, and the user it acts for.
 */
@ApplicationScoped
public class ServiceCaller {
  private final SecurityIdentity identity;
  private final JsonWebToken jwt;
  private final ServiceClientsConfig config;
  private final UserDirectory directory;

  public ServiceCaller(
      SecurityIdentity identity,
      JsonWebToken jwt,
      ServiceClientsConfig config,
      UserDirectory directory) {
    this.identity = identity;
    this.jwt = jwt;
    this.config = config;
    this.directory = directory;
  }

  /** The calling client; 403 {@code capability_missing} unless its token grants the capability. */
  public ServiceClient require(Capability capability) {
    String clientId = clientId();
    if (!identity.hasRole(capability.role())) {
      throw ApiException.forbidden(
          "capability_missing",
          "Client " + clientId + " lacks the timer-service role " + capability.role() + ".");
    }
    ServiceClientsConfig.Binding binding = config.clients().get(clientId);
    String source = binding == null ? null : binding.source().orElse(null);
    String provider = binding == null ? null : binding.identityProvider().orElse(source);
    return new ServiceClient(clientId, source, provider);
  }

  /**
   * The user a client with this capability acts for: 404 {@code user_not_found}, 403 {@code
   * user_inactive} for a deactivated user; the user carries the client id for the rows it writes.
   */
  public Uni<Acting> actFor(long userId, Capability capability) {
    return Uni.createFrom()
        .item(() -> require(capability))
        .chain(
            client ->
                directory.actingFor(userId, client.clientId()).map(u -> new Acting(client, u)));
  }

  /**
   * The timer state of the user a client with this capability acts for, read with the user row in
   * one statement ({@link TimerStatusQuery}); the same refusals as {@link #actFor}.
   */
  public Uni<TimerStatusDto> timerStatus(
      long userId, Capability capability, TimerStatusQuery query) {
    return Uni.createFrom()
        .item(() -> require(capability))
        .chain(
            client ->
                query
                    .byUserId(userId)
                    .map(
                        found -> {
                          UserDirectory.acting(
                              userId, found == null ? null : found.user(), client.clientId());
                          return found.status();
                        }));
  }

  /** A client acting for a user. */
  public record Acting(ServiceClient client, CurrentUser user) {}

  private String clientId() {
    for (String claim : new String[] {"azp", "client_id", "clientId"}) {
      Object value = jwt.getClaim(claim);
      if (value != null && !value.toString().isBlank()) {
        return value.toString();
      }
    }
    return identity.getPrincipal().getName();
  }
}
