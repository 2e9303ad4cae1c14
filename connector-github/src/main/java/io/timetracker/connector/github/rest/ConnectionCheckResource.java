package io.timetracker.connector.github.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.SyncRun;
import io.timetracker.connector.github.service.ConnectionChecks;
import io.timetracker.connector.github.service.ConnectionService;
import io.timetracker.connector.github.service.SyncScheduler;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncAccepted;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.connector.kit.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The uniform {@code status}, {@code test} and {@code sync} of one connection (connector-kit
 * shapes).
 */
@Path("/api/integrations/github/connections/{id}")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class ConnectionCheckResource {

  private final ConnectionService connections;
  private final ConnectionChecks checks;
  private final SyncScheduler scheduler;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public ConnectionCheckResource(
      ConnectionService connections,
      ConnectionChecks checks,
      SyncScheduler scheduler,
      SecurityIdentity identity) {
    this.connections = connections;
    this.checks = checks;
    this.scheduler = scheduler;
    this.identity = identity;
  }

  @GET
  @Path("/status")
  @Operation(operationId = "githubStatus", summary = "Last sync and health of the connection")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<StatusResponse> status(@PathParam("id") String id) {
    return connections.get(Caller.of(identity), ConnectionResource.uuid(id)).map(checks::status);
  }

  @POST
  @Path("/test")
  @Operation(
      operationId = "githubTest",
      summary = "Calls GitHub with the token, or says what is missing")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<TestResult> test(@PathParam("id") String id) {
    return connections.get(Caller.of(identity), ConnectionResource.uuid(id)).chain(checks::test);
  }

  @POST
  @Path("/sync")
  @Operation(
      operationId = "githubSync",
      summary = "Queue a sync of open issues (owner, or an admin); poll statusUrl")
  @APIResponse(responseCode = "202", description = "Queued; the job id and its status URL")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<RestResponse<SyncAccepted>> sync(@PathParam("id") String id) {
    return connections
        .get(Caller.of(identity), ConnectionResource.uuid(id))
        .chain(c -> scheduler.request(c.id()))
        .map(run -> accepted(id, run));
  }

  @GET
  @Path("/sync/{jobId}")
  @Operation(operationId = "githubSyncJob", summary = "Progress and result of a requested sync")
  @APIResponse(responseCode = "404", description = "connection_not_found or sync_job_not_found")
  public Uni<SyncRun> syncJob(@PathParam("id") String id, @PathParam("jobId") String jobId) {
    UUID job = ConnectionResource.uuidOr404(jobId, "sync_job_not_found");
    return connections
        .get(Caller.of(identity), ConnectionResource.uuid(id))
        .chain(c -> scheduler.find(c.id(), job))
        .map(
            found ->
                found.orElseThrow(
                    () -> new ApiException(404, "sync_job_not_found", "No such sync job.")));
  }

  static RestResponse<SyncAccepted> accepted(String id, SyncRun run) {
    String url = "/api/integrations/github/connections/" + id + "/sync/" + run.id();
    return RestResponse.ResponseBuilder.create(
            RestResponse.Status.ACCEPTED, new SyncAccepted(true, run.id(), run.status(), url))
        .location(URI.create(url))
        .build();
  }
}
