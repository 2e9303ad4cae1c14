package io.timetracker.connector.github.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.service.ConnectionChecks;
import io.timetracker.connector.github.service.ConnectionService;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.StatusResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The provider-level status for the settings page: {@code {ok: true, connected: false}} without an
 * active connection (not an error, as in the original), else the most recently synced one.
 */
@Path("/api/integrations/github/status")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class UserStatusResource {

  private final ConnectionService connections;
  private final ConnectionChecks checks;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public UserStatusResource(
      ConnectionService connections, ConnectionChecks checks, SecurityIdentity identity) {
    this.connections = connections;
    this.checks = checks;
    this.identity = identity;
  }

  @GET
  @Operation(
      operationId = "githubUserStatus",
      summary = "Whether the caller has an active GitHub connection")
  public Uni<StatusResponse> status() {
    return connections
        .active(Caller.of(identity))
        .map(
            list ->
                list.stream()
                    .map(checks::status)
                    .max(
                        Comparator.comparing(
                            s -> s.lastSyncAt() == null ? Instant.EPOCH : s.lastSyncAt()))
                    .orElse(StatusResponse.notConnected()));
  }
}
