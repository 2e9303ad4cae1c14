package io.timetracker.connector.github.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.service.ConnectionChecks;
import io.timetracker.connector.github.service.ConnectionService;
import io.timetracker.connector.github.service.SyncService;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncResult;
import io.timetracker.connector.kit.api.TestResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The uniform {@code status}, {@code test} and {@code sync} of one connection (connector-kit
 * shapes).
 */
@Path("/api/integrations/github/connections/{id}")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class ConnectorApiResource {

  private final ConnectionService connections;
  private final ConnectionChecks checks;
  private final SyncService sync;
  private final Callers callers;

  /** Collaborators. */
  public ConnectorApiResource(
      ConnectionService connections, ConnectionChecks checks, SyncService sync, Callers callers) {
    this.connections = connections;
    this.checks = checks;
    this.sync = sync;
    this.callers = callers;
  }

  @GET
  @Path("/status")
  @Operation(operationId = "githubStatus", summary = "Last sync and health of the connection")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<StatusResponse> status(@PathParam("id") String id) {
    return connections.get(callers.current(), ConnectionResource.uuid(id)).map(checks::status);
  }

  @POST
  @Path("/test")
  @Operation(
      operationId = "githubTest",
      summary = "Calls GitHub with the token, or says what is missing")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<TestResult> test(@PathParam("id") String id) {
    return connections.get(callers.current(), ConnectionResource.uuid(id)).chain(checks::test);
  }

  @POST
  @Path("/sync")
  @Operation(operationId = "githubSync", summary = "Sync open issues now (owner, or an admin)")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<SyncResult> sync(@PathParam("id") String id) {
    return connections.get(callers.current(), ConnectionResource.uuid(id)).chain(sync::sync);
  }
}
