package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.MemberRequest;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.ProjectRequest;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.ProjectService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** Projects: members see theirs, admins manage all and their members. */
@Path("/api/v1/projects")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projects")
public class ProjectResource {
  private final Caller caller;
  private final ProjectService projects;

  public ProjectResource(Caller caller, ProjectService projects) {
    this.caller = caller;
    this.projects = projects;
  }

  @GET
  @Operation(operationId = "listProjects", summary = "Projects the caller may see")
  public Uni<List<ProjectDto>> list(
      @QueryParam("activeOnly") @DefaultValue("false") boolean activeOnly,
      @QueryParam("search") String search) {
    return caller
        .user()
        .chain(u -> projects.visible(u, activeOnly, search))
        .map(list -> list.stream().map(DtoMapper::toDto).toList());
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getProject", summary = "One project the caller may see")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = ProjectDto.class)))
  @APIResponse(responseCode = "404", description = "project_not_found")
  public Uni<ProjectDto> get(@PathParam("id") long id) {
    return caller.user().chain(u -> projects.get(u, id)).map(DtoMapper::toDto);
  }

  @POST
  @Operation(operationId = "createProject", summary = "Create a project (admin)")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = ProjectDto.class)))
  @APIResponse(responseCode = "409", description = "project_code_taken")
  public Uni<RestResponse<ProjectDto>> create(@Valid @NotNull ProjectRequest request) {
    return caller
        .user()
        .chain(u -> projects.create(u, request))
        .map(p -> Created.at("/api/v1/projects/" + p.id, DtoMapper.toDto(p)));
  }

  @PATCH
  @Path("/{id}")
  @Operation(operationId = "updateProject", summary = "Change a project (admin)")
  public Uni<ProjectDto> update(@PathParam("id") long id, @Valid @NotNull ProjectRequest request) {
    return caller.user().chain(u -> projects.update(u, id, request)).map(DtoMapper::toDto);
  }

  @POST
  @Path("/{id}/members")
  @ResponseStatus(204)
  // no body, so also acceptable to a client that only accepts the error answers' media type
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "addProjectMember", summary = "Add a member (admin)")
  @APIResponse(responseCode = "204", description = "Added (or already a member)")
  public Uni<Void> addMember(@PathParam("id") long id, @Valid @NotNull MemberRequest request) {
    return caller.user().chain(u -> projects.addMember(u, id, request.userId()));
  }

  @DELETE
  @Path("/{id}/members/{userId}")
  @ResponseStatus(204)
  // no body, so also acceptable to a client that only accepts the error answers' media type
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "removeProjectMember", summary = "Remove a member (admin)")
  @APIResponse(responseCode = "204", description = "Removed")
  public Uni<Void> removeMember(@PathParam("id") long id, @PathParam("userId") long userId) {
    return caller.user().chain(u -> projects.removeMember(u, id, userId));
  }
}
