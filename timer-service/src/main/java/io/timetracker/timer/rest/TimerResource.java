package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.StartTimerRequest;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.IdempotencyService;
import io.timetracker.timer.service.TimerCommands;
import io.timetracker.timer.service.TimerStatusQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The signed-in user's timer. */
@Path("/api/v1/timer")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "timer")
public class TimerResource {
  private final Caller caller;
  private final TimerCommands timers;
  private final IdempotencyService idempotency;
  private final TimerStatusQuery statusQuery;

  public TimerResource(
      Caller caller,
      TimerCommands timers,
      IdempotencyService idempotency,
      TimerStatusQuery statusQuery) {
    this.caller = caller;
    this.timers = timers;
    this.idempotency = idempotency;
    this.statusQuery = statusQuery;
  }

  @GET
  @Operation(operationId = "getTimer", summary = "Whether the caller's timer runs")
  public Uni<TimerStatusDto> status() {
    return caller.timerStatus(statusQuery);
  }

  @POST
  @Path("/start")
  @Operation(operationId = "startTimer", summary = "Start the caller's timer")
  @APIResponse(
      responseCode = "201",
      description = "Started",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(
      responseCode = "409",
      description = "timer_already_running, project_archived or project_inactive")
  @APIResponse(responseCode = "422", description = "invalid_task")
  public Uni<RestResponse<TimeEntryDto>> start(
      @HeaderParam("Idempotency-Key") String key, @Valid @NotNull StartTimerRequest request) {
    return caller
        .user()
        .chain(
            user ->
                idempotency.onceOnConnection(
                    user,
                    key,
                    request,
                    tx ->
                        timers
                            .start(
                                tx,
                                user,
                                new TimerCommands.StartCommand(
                                    request.projectId(),
                                    request.taskId(),
                                    request.notes(),
                                    request.tags(),
                                    "timer",
                                    null,
                                    false))
                            .map(DtoMapper::toDto),
                    TimeEntryDto.class))
        .map(Created::entry);
  }

  @POST
  @Path("/stop")
  @Operation(operationId = "stopTimer", summary = "Stop the caller's timer")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(responseCode = "404", description = "no_active_timer")
  public Uni<TimeEntryDto> stop() {
    return caller.user().chain(timers::stop).map(DtoMapper::toDto);
  }
}
