package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TaskRequest;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.ApiException;
import io.timetracker.timer.service.TaskService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Tasks of the projects the caller can see. */
@Path("/api/v1/tasks")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks")
public class TaskResource {
  private final Caller caller;
  private final TaskService tasks;

  public TaskResource(Caller caller, TaskService tasks) {
    this.caller = caller;
    this.tasks = tasks;
  }

  @GET
  @Operation(
      operationId = "listTasks",
      summary = "Tasks of one project, oldest first, a page at a time",
      description =
          "The body is the page's tasks; X-Total-Count says how many there are on all pages, and"
              + " a Link header with rel=\"next\" points at the next page while there is one.")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      headers = {
        @Header(
            name = "X-Total-Count",
            description = "tasks matching the filters, on all pages",
            schema = @Schema(type = SchemaType.INTEGER)),
        @Header(
            name = "Link",
            description = "<…page=N+1…>; rel=\"next\" while a next page exists",
            schema = @Schema(type = SchemaType.STRING))
      },
      content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TaskDto.class)))
  public Uni<RestResponse<List<TaskDto>>> list(
      @QueryParam("projectId") @NotNull Long projectId,
      @QueryParam("status") @Pattern(regexp = "todo|in_progress|review|done|cancelled")
          String status,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("1000") @Min(1) @Max(1000) int size,
      @Context UriInfo uri) {
    if ((long) page * size > Integer.MAX_VALUE - size) {
      throw ApiException.invalidField("page", "page × size must stay below 2147483647");
    }
    return caller
        .user()
        .chain(u -> tasks.list(u, projectId, status, page, size))
        .map(
            found -> {
              var answer =
                  RestResponse.ResponseBuilder.ok(
                          found.items().stream().map(DtoMapper::toDto).toList())
                      .header("X-Total-Count", found.total());
              if ((long) (page + 1) * size < found.total()) {
                URI next = uri.getRequestUriBuilder().replaceQueryParam("page", page + 1).build();
                answer.header("Link", "<" + next + ">; rel=\"next\"");
              }
              return answer.build();
            });
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getTask", summary = "One task")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TaskDto.class)))
  @APIResponse(responseCode = "404", description = "task_not_found")
  public Uni<TaskDto> get(@PathParam("id") long id) {
    return caller.user().chain(u -> tasks.get(u, id)).map(DtoMapper::toDto);
  }

  @POST
  @Operation(operationId = "createTask", summary = "Create a task in a project")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = TaskDto.class)))
  public Uni<RestResponse<TaskDto>> create(@Valid @NotNull TaskRequest request) {
    return caller
        .user()
        .chain(u -> tasks.create(u, request))
        .map(t -> Created.at("/api/v1/tasks/" + t.id, DtoMapper.toDto(t)));
  }

  @PATCH
  @Path("/{id}")
  @Operation(operationId = "updateTask", summary = "Change a task; status follows transitions")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TaskDto.class)))
  @APIResponse(responseCode = "409", description = "invalid_transition")
  public Uni<TaskDto> update(@PathParam("id") long id, @Valid @NotNull TaskRequest request) {
    return caller.user().chain(u -> tasks.update(u, id, request)).map(DtoMapper::toDto);
  }
}
