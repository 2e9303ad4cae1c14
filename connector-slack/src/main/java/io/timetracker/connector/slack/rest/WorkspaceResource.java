package io.timetracker.connector.slack.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.slack.model.RegisteredWorkspace;
import io.timetracker.connector.slack.model.WorkspaceRequest;
import io.timetracker.connector.slack.service.WorkspaceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Admins register a workspace's own Slack app credentials (the alternative to "Add to Slack"). */
@Path("/api/integrations/slack/workspaces")
@RolesAllowed("admin")
@Tag(name = "slack-admin")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

  private final WorkspaceService workspaces;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public WorkspaceResource(WorkspaceService workspaces, SecurityIdentity identity) {
    this.workspaces = workspaces;
    this.identity = identity;
  }

  /** Registers (or replaces) a workspace's bot token and signing secret. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "slackRegisterWorkspace", summary = "Registers a workspace's app")
  @APIResponse(responseCode = "201", description = "Registered; the URLs to enter in Slack")
  @APIResponse(responseCode = "400", description = "invalid_team_id, invalid_token")
  @APIResponse(responseCode = "503", description = "encryption_unavailable")
  public Uni<RestResponse<RegisteredWorkspace>> register(WorkspaceRequest request) {
    return workspaces
        .register(Caller.of(identity), request)
        .map(r -> RestResponse.status(RestResponse.Status.CREATED, r));
  }

  /** Forgets a workspace's credentials. */
  @DELETE
  @Path("/{teamId}")
  @Operation(operationId = "slackRemoveWorkspace", summary = "Removes a workspace")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "workspace_not_found")
  public Uni<Void> remove(@PathParam("teamId") String teamId) {
    return workspaces.remove(teamId);
  }
}
