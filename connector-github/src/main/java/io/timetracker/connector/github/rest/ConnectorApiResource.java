package io.timetracker.connector.github.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.service.ConnectionChecks;
import io.timetracker.connector.github.service.ConnectionService;
import io.timetracker.connector.github.service.SyncScheduler;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.ConfigResponse;
import io.timetracker.connector.kit.api.ConnectorApi;
import io.timetracker.connector.kit.api.NotConfigured;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncAccepted;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.contracts.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * connector-kit's uniform connector API for GitHub: the caller's connection named by {@code
 * connection}, or without it their first active one (status: the most recently synced).
 */
@Path("/api/integrations/github")
@RolesAllowed({"user", "admin"})
@Tag(name = "connector")
// The JAX-RS annotations are repeated from ConnectorApi so the OpenAPI scanner documents the
// operations (it does not read them from an interface in another jar).
public class ConnectorApiResource implements ConnectorApi {

  private final ConnectionService connections;
  private final ConnectionChecks checks;
  private final SyncScheduler scheduler;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public ConnectorApiResource(
      ConnectionService connections,
      ConnectionChecks checks,
      SyncScheduler scheduler,
      SecurityIdentity identity) {
    this.connections = connections;
    this.checks = checks;
    this.scheduler = scheduler;
    this.identity = identity;
  }

  @Override
  @GET
  @Path("/config")
  @Operation(operationId = "githubConnectorConfig", summary = "Settings of the caller's connection")
  @APIResponse(responseCode = "404", description = "not_configured, connection_not_found")
  public Uni<ConfigResponse<Object>> config(@QueryParam("connection") String connection) {
    return chosen(connection)
        .map(c -> ConnectionResource.configOf(connections, c))
        .map(r -> new ConfigResponse<Object>(r.ok(), r.provider(), r.settings(), r.secrets()));
  }

  @Override
  @GET
  @Path("/status")
  @Operation(
      operationId = "githubUserStatus",
      summary = "Whether the caller has an active GitHub connection, and how it is doing")
  public Uni<StatusResponse> status(@QueryParam("connection") String connection) {
    if (connection != null) {
      return chosen(connection).map(checks::status);
    }
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

  @Override
  @POST
  @Path("/test")
  @Operation(operationId = "githubConnectorTest", summary = "Calls GitHub with the stored token")
  @APIResponse(responseCode = "404", description = "not_configured, connection_not_found")
  public Uni<TestResult> test(@QueryParam("connection") String connection) {
    return chosen(connection).chain(checks::test);
  }

  @Override
  @POST
  @Path("/sync")
  @Operation(operationId = "githubConnectorSync", summary = "Queues a sync of open issues")
  @APIResponse(responseCode = "202", description = "Queued; the job id and its status URL")
  @APIResponse(responseCode = "404", description = "not_configured, connection_not_found")
  public Uni<RestResponse<SyncAccepted>> sync(@QueryParam("connection") String connection) {
    return chosen(connection)
        .chain(
            c ->
                scheduler
                    .request(c.id())
                    .map(run -> ConnectionCheckResource.accepted(c.id().toString(), run)));
  }

  @Override
  @DELETE
  @Path("/config")
  // no body, so also acceptable to a client that only accepts the error answers' media type
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "githubDisconnect", summary = "Deletes the connection")
  @APIResponse(responseCode = "204", description = "Disconnected")
  @APIResponse(responseCode = "404", description = "not_configured, connection_not_found")
  public Uni<Void> disconnect(@QueryParam("connection") String connection) {
    return chosen(connection).chain(c -> connections.delete(Caller.of(identity), c.id()));
  }

  private Uni<Connection> chosen(String connection) {
    Caller caller = Caller.of(identity);
    if (connection != null) {
      return connections.get(caller, ConnectionResource.uuid(connection));
    }
    return connections
        .active(caller)
        .map(
            list ->
                list.stream()
                    .findFirst()
                    .orElseThrow(
                        () -> ApiException.notFound("not_configured", NotConfigured.MESSAGE)));
  }
}
