package io.timetracker.timer.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.TodaySummaryDto;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.repository.TimeEntryRepository;
import io.timetracker.timer.service.ApiException;
import io.timetracker.timer.service.Capability;
import io.timetracker.timer.service.ProjectService;
import io.timetracker.timer.service.ReportService;
import io.timetracker.timer.service.TaskService;
import io.timetracker.timer.service.TimeEntryService;
import io.timetracker.timer.service.TimerCommands;
import io.timetracker.timer.service.TimerStatusQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Endpoints for connectors (role {@code service}, client-credentials tokens) acting for a given
 * user; the same rules apply as if that user acted, so a connector cannot reach past the user's
 * projects. Each operation needs one capability of the calling client, writes only the client's own
 * source and external-reference namespace, and never acts for a deactivated user ({@code
 * docs/adr/0005-scoped-service-clients.md}).
 */
@Path("/api/v1/service")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "service")
public class ServiceResource {
  private final ServiceCaller caller;
  private final TimerCommands timers;
  private final TimeEntryService entries;
  private final TimeEntryRepository entryRepository;
  private final TaskService tasks;
  private final ProjectService projects;
  private final ReportService reports;
  private final TimerStatusQuery statusQuery;

  public ServiceResource(
      ServiceCaller caller,
      TimerCommands timers,
      TimeEntryService entries,
      TimeEntryRepository entryRepository,
      TaskService tasks,
      ProjectService projects,
      ReportService reports,
      TimerStatusQuery statusQuery) {
    this.caller = caller;
    this.timers = timers;
    this.entries = entries;
    this.entryRepository = entryRepository;
    this.tasks = tasks;
    this.projects = projects;
    this.reports = reports;
    this.statusQuery = statusQuery;
  }

  @GET
  @Path("/users/{userId}/timer")
  @Operation(operationId = "serviceGetTimer", summary = "A user's timer state")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TimerStatusDto.class)))
  @APIResponse(responseCode = "404", description = "user_not_found")
  public Uni<TimerStatusDto> timer(@PathParam("userId") long userId) {
    return caller.timerStatus(userId, Capability.TIMERS, statusQuery);
  }

  @POST
  @Path("/users/{userId}/timer/start")
  @Operation(operationId = "serviceStartTimer", summary = "Start a timer for a user")
  @APIResponse(
      responseCode = "201",
      description = "Started",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "timer_already_running (policy skip), external_ref_in_use, project_archived or"
              + " project_inactive")
  public Uni<RestResponse<TimeEntryDto>> start(
      @PathParam("userId") long userId, @Valid @NotNull ServiceStartTimerRequest request) {
    return caller
        .actFor(userId, Capability.TIMERS)
        .invoke(a -> a.client().requireSource(request.source()))
        .invoke(a -> a.client().requireRef(request.externalRef()))
        .chain(
            a ->
                timers.start(
                    a.user(),
                    new TimerCommands.StartCommand(
                        request.projectId(),
                        request.taskId(),
                        request.notes(),
                        null,
                        request.source(),
                        request.externalRef(),
                        "switch".equals(request.whenRunning()))))
        .map(DtoMapper::toDto)
        .map(Created::entry);
  }

  @POST
  @Path("/users/{userId}/timer/stop")
  @Operation(operationId = "serviceStopTimer", summary = "Stop a user's timer")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(responseCode = "404", description = "no_active_timer or user_not_found")
  public Uni<TimeEntryDto> stop(@PathParam("userId") long userId) {
    return caller
        .actFor(userId, Capability.TIMERS)
        .chain(a -> timers.stop(a.user()))
        .map(DtoMapper::toDto);
  }

  @GET
  @Path("/users/{userId}/summary/today")
  @Operation(operationId = "serviceTodaySummary", summary = "A user's completed work today")
  public Uni<TodaySummaryDto> today(@PathParam("userId") long userId) {
    return caller.actFor(userId, Capability.SUMMARY).chain(a -> reports.today(a.user()));
  }

  @GET
  @Path("/users/{userId}/projects")
  @Operation(
      operationId = "serviceAllowedProjects",
      summary = "Active projects a user may track time on, by name or code search")
  public Uni<List<ProjectDto>> allowedProjects(
      @PathParam("userId") long userId, @QueryParam("search") String search) {
    return caller
        .actFor(userId, Capability.PROJECTS)
        .chain(a -> projects.visible(a.user(), true, search))
        .map(list -> list.stream().map(DtoMapper::toDto).toList());
  }

  @PUT
  @Path("/users/{userId}/tasks/by-ref")
  @Operation(operationId = "serviceUpsertTaskByRef", summary = "Create or update a task by ref")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content = @Content(schema = @Schema(implementation = TaskDto.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = TaskDto.class)))
  @APIResponse(responseCode = "409", description = "invalid_transition")
  public Uni<RestResponse<TaskDto>> upsertTask(
      @PathParam("userId") long userId, @Valid @NotNull UpsertTaskByRefRequest request) {
    return caller
        .actFor(userId, Capability.TASKS)
        .invoke(a -> a.client().requireSource(request.externalSource()))
        .invoke(a -> a.client().requireRef(request.externalRef()))
        .chain(a -> tasks.upsertByRef(a.user(), request))
        .map(
            r ->
                r.created()
                    ? Created.at("/api/v1/tasks/" + r.task().id, DtoMapper.toDto(r.task()))
                    : RestResponse.ok(DtoMapper.toDto(r.task())));
  }

  @PUT
  @Path("/users/{userId}/time-entries/by-ref")
  @Operation(
      operationId = "serviceUpsertTimeEntryByRef",
      summary = "Create or replace a finished entry by external ref")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(
      responseCode = "409",
      description = "concurrent_upsert, project_archived or project_inactive")
  public Uni<RestResponse<TimeEntryDto>> upsertEntry(
      @PathParam("userId") long userId, @Valid @NotNull ExternalTimeEntryRequest request) {
    return caller
        .actFor(userId, Capability.TIME_ENTRIES)
        .invoke(a -> a.client().requireSource(request.source()))
        .invoke(a -> a.client().requireRef(request.externalRef()))
        .chain(a -> entries.upsertByRef(a.user(), request))
        .map(
            r ->
                r.created()
                    ? Created.entry(DtoMapper.toDto(r.entry()))
                    : RestResponse.ok(DtoMapper.toDto(r.entry())));
  }

  @DELETE
  @Path("/users/{userId}/time-entries/by-ref")
  @ResponseStatus(204)
  // no body, so also acceptable to a client that only accepts the error answers' media type
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "serviceDeleteTimeEntryByRef", summary = "Delete an entry by ref")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "time_entry_not_found")
  public Uni<Void> deleteEntry(
      @PathParam("userId") long userId, @QueryParam("externalRef") @NotBlank String externalRef) {
    return caller
        .actFor(userId, Capability.TIME_ENTRIES)
        .invoke(a -> a.client().requireRef(externalRef))
        .chain(a -> entries.deleteByRef(a.user(), externalRef))
        .invoke(
            deleted -> {
              if (!deleted) {
                throw ApiException.notFound(
                    "time_entry_not_found", "No entry with this external reference.");
              }
            })
        .replaceWithVoid();
  }

  @GET
  @Path("/users/{userId}/time-entries/completed")
  @WithSession
  @Operation(
      operationId = "serviceCompletedEntries",
      summary = "A user's finished entries changed since an instant, oldest first")
  public Uni<List<TimeEntryDto>> completedSince(
      @PathParam("userId") long userId,
      @QueryParam("since") @NotNull Instant since,
      @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
    return caller
        .actFor(userId, Capability.TIME_ENTRIES)
        .chain(a -> entryRepository.completedSince(a.user().id(), since, limit))
        .map(list -> list.stream().map(DtoMapper::toDto).toList());
  }
}
