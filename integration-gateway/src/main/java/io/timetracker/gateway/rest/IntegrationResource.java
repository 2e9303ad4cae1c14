package io.timetracker.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.ConfigResponse;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncAccepted;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.contracts.api.Problem;
import io.timetracker.gateway.service.IntegrationList;
import io.timetracker.gateway.service.IntegrationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The uniform user API of every connector ({@code github}, {@code google}, {@code slack}), for the
 * signed-in person (bearer token, or the page's session): the gateway calls the connector as them.
 */
@Path("/api/integrations")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "integrations")
public class IntegrationResource {

  private final IntegrationService integrations;

  /** The service. */
  public IntegrationResource(IntegrationService integrations) {
    this.integrations = integrations;
  }

  @GET
  @Operation(
      operationId = "listIntegrations",
      summary = "Every connector with the caller's status; a connector that is down is unavailable")
  public Uni<IntegrationList> list() {
    return integrations.list();
  }

  @GET
  @Path("/{provider}/config")
  @Operation(operationId = "integrationConfig", summary = "Settings; secrets only as *Set flags")
  @APIResponse(responseCode = "200", description = "Settings, or {ok:false} when not configured")
  @APIResponse(responseCode = "404", description = "unknown_provider, connection_not_found")
  @APIResponse(responseCode = "503", description = "connector_unavailable; Retry-After")
  public Uni<ConfigResponse<Object>> config(
      @PathParam("provider") String provider, @QueryParam("connection") String connection) {
    return integrations.config(provider, connection);
  }

  @DELETE
  @Path("/{provider}/config")
  @ResponseStatus(204)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "integrationDisconnect", summary = "Delete the connection")
  @APIResponse(responseCode = "204", description = "Disconnected")
  public Uni<Void> disconnect(
      @PathParam("provider") String provider, @QueryParam("connection") String connection) {
    return integrations.disconnect(provider, connection);
  }

  @GET
  @Path("/{provider}/status")
  @Operation(operationId = "integrationStatus", summary = "Connected, last sync, health")
  public Uni<StatusResponse> status(
      @PathParam("provider") String provider, @QueryParam("connection") String connection) {
    return integrations.status(provider, connection);
  }

  @POST
  @Path("/{provider}/test")
  @Operation(operationId = "integrationTest", summary = "Call the provider with the stored secrets")
  public Uni<TestResult> test(
      @PathParam("provider") String provider, @QueryParam("connection") String connection) {
    return integrations.test(provider, connection);
  }

  @POST
  @Path("/{provider}/sync")
  @Operation(operationId = "integrationSync", summary = "Queue a sync; poll statusUrl")
  @APIResponse(responseCode = "202", description = "Queued")
  public Uni<RestResponse<SyncAccepted>> sync(
      @PathParam("provider") String provider, @QueryParam("connection") String connection) {
    return integrations.sync(provider, connection);
  }
}
