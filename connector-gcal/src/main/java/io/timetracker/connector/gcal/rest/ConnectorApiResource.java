package io.timetracker.connector.gcal.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.model.GcalStatus;
import io.timetracker.connector.gcal.model.Settings;
import io.timetracker.connector.gcal.model.SettingsRequest;
import io.timetracker.connector.gcal.service.ConnectionService;
import io.timetracker.connector.gcal.service.ImportScheduler;
import io.timetracker.connector.gcal.service.OAuthFlow;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.ConfigResponse;
import io.timetracker.connector.kit.api.ConnectorApi;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncAccepted;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.contracts.api.Problem;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * connector-kit's uniform connector API for Google Calendar, plus the settings save, the detailed
 * status and a requested sync's result. One connection per person, so {@code connection} is
 * ignored.
 */
@Path("/api/integrations/google")
@RolesAllowed({"user", "admin"})
@Tag(name = "connector")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectorApiResource implements ConnectorApi {

  private static final String PROVIDER = "google";

  private final ConnectionService connections;
  private final ImportScheduler scheduler;
  private final OAuthFlow oauth;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public ConnectorApiResource(
      ConnectionService connections,
      ImportScheduler scheduler,
      OAuthFlow oauth,
      SecurityIdentity identity) {
    this.connections = connections;
    this.scheduler = scheduler;
    this.oauth = oauth;
    this.identity = identity;
  }

  @Override
  @GET
  @Path("/config")
  @Operation(operationId = "googleConnectorConfig", summary = "Settings; tokens only as flags")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<ConfigResponse<Object>> config(@QueryParam("connection") String connection) {
    return connections.any(caller()).map(ConnectorApiResource::config);
  }

  /** Saves settings (only the fields present); the project must be one the caller may use. */
  @PUT
  @Path("/config")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "googleConnectorSaveConfig", summary = "Saves settings")
  @APIResponse(responseCode = "400", description = "project_not_allowed, malformed body")
  public Uni<ConfigResponse<Object>> save(SettingsRequest request) {
    if (request == null) {
      throw ApiException.invalid("body_required", "A JSON object with the settings is required.");
    }
    return connections.save(caller(), request).map(ConnectorApiResource::config);
  }

  @Override
  @GET
  @Path("/status")
  @Operation(operationId = "googleUserStatus", summary = "Connected, last sync, health")
  public Uni<StatusResponse> status(@QueryParam("connection") String connection) {
    return connections.status(caller());
  }

  /** Scopes, token expiry, reconnect needed, pending and failed exports, conflicts. */
  @GET
  @Path("/status/details")
  @Operation(operationId = "googleStatusDetails", summary = "Everything the Google card shows")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<GcalStatus> details() {
    return connections.details(caller());
  }

  @Override
  @POST
  @Path("/test")
  @Operation(operationId = "googleConnectorTest", summary = "Lists the account's calendars")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<TestResult> test(@QueryParam("connection") String connection) {
    return connections.test(caller());
  }

  @Override
  @POST
  @Path("/sync")
  @Operation(operationId = "googleConnectorSync", summary = "Queues a sync in the direction set")
  @APIResponse(responseCode = "202", description = "Queued; poll statusUrl for the counters")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<RestResponse<SyncAccepted>> sync(@QueryParam("connection") String connection) {
    return connections
        .active(caller())
        .chain(c -> scheduler.request(c.id()))
        .map(
            run ->
                RestResponse.accepted(
                    new SyncAccepted(true, run, "queued", "/api/integrations/google/sync/" + run)));
  }

  /** A requested sync: queued, running or done with its counters. */
  @GET
  @Path("/sync/{runId}")
  @Operation(operationId = "googleConnectorSyncRun", summary = "A requested sync's counters")
  @APIResponse(responseCode = "404", description = "not_configured, sync_run_not_found")
  public Uni<Map<String, Object>> syncRun(@PathParam("runId") String runId) {
    UUID id = uuid(runId);
    return connections
        .any(caller())
        .chain(c -> scheduler.find(c.id(), id))
        .map(ConnectorApiResource::found);
  }

  @Override
  @DELETE
  @Path("/config")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "googleConnectorDisconnect", summary = "Revokes and wipes the tokens")
  @APIResponse(responseCode = "204", description = "Disconnected; settings kept")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<Void> disconnect(@QueryParam("connection") String connection) {
    return connections.any(caller()).chain(c -> oauth.disconnect(Optional.of(c)));
  }

  private Caller caller() {
    return Caller.of(identity);
  }

  private static ConfigResponse<Object> config(Connection c) {
    return ConfigResponse.of(
        PROVIDER,
        Settings.of(c),
        Map.of("accessToken", c.accessToken() != null, "refreshToken", c.refreshToken() != null));
  }

  private static Map<String, Object> found(Optional<JsonObject> run) {
    return run.orElseThrow(() -> ApiException.notFound("sync_run_not_found", "No such sync."))
        .getMap();
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("sync_run_not_found", "No such sync.");
    }
  }
}
