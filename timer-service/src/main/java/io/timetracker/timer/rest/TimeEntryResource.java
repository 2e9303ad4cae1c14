package io.timetracker.timer.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.CreateTimeEntryRequest;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.UpdateTimeEntryRequest;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.ApiException;
import io.timetracker.timer.service.ExportService;
import io.timetracker.timer.service.IdempotencyService;
import io.timetracker.timer.service.TimeEntryService;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The signed-in user's own time entries; other users' entries answer 404. */
@Path("/api/v1/time-entries")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "time-entries")
public class TimeEntryResource {
  private static final Logger LOG = Logger.getLogger(TimeEntryResource.class);
  private final Caller caller;
  private final TimeEntryService service;
  private final ExportService export;
  private final IdempotencyService idempotency;
  private final Clock clock;

  public TimeEntryResource(
      Caller caller,
      TimeEntryService service,
      ExportService export,
      IdempotencyService idempotency,
      Clock clock) {
    this.caller = caller;
    this.service = service;
    this.export = export;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @GET
  @Operation(operationId = "listTimeEntries", summary = "The caller's entries, newest first")
  public Uni<TimeEntryPage> list(
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("projectId") Long projectId,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
    if ((long) page * size > Integer.MAX_VALUE - size) {
      throw ApiException.invalidField("page", "page × size must stay below 2147483647");
    }
    Instant start = from == null ? Instant.EPOCH : from;
    Instant end = to == null ? clock.instant().plusSeconds(366L * 86400) : to;
    return caller
        .user()
        .chain(u -> service.list(u, start, end, projectId, page, size))
        .map(TimeEntryPage::of);
  }

  @POST
  @Operation(operationId = "createTimeEntry", summary = "Record finished work by hand")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(
      responseCode = "409",
      description = "project_archived, project_inactive or idempotency_key_in_use")
  @APIResponse(responseCode = "422", description = "invalid_task or idempotency_key_reused")
  public Uni<RestResponse<TimeEntryDto>> create(
      @HeaderParam("Idempotency-Key") String key, @Valid @NotNull CreateTimeEntryRequest request) {
    return caller
        .user()
        .chain(
            u ->
                idempotency.once(
                    u,
                    key,
                    request,
                    () -> service.create(u, request, "manual").map(DtoMapper::toDto),
                    TimeEntryDto.class))
        .map(Created::entry);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getTimeEntry", summary = "One of the caller's entries")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(responseCode = "404", description = "time_entry_not_found")
  public Uni<TimeEntryDto> get(@PathParam("id") long id) {
    return caller.user().chain(u -> service.get(u, id)).map(DtoMapper::toDto);
  }

  @PATCH
  @Path("/{id}")
  @Operation(operationId = "updateTimeEntry", summary = "Change some fields of an entry")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = TimeEntryDto.class)))
  @APIResponse(responseCode = "404", description = "time_entry_not_found")
  @APIResponse(responseCode = "409", description = "stale_version or concurrent_update")
  public Uni<TimeEntryDto> update(
      @PathParam("id") long id, @Valid @NotNull UpdateTimeEntryRequest request) {
    return caller.user().chain(u -> service.update(u, id, request)).map(DtoMapper::toDto);
  }

  @DELETE
  @Path("/{id}")
  @ResponseStatus(204)
  // no body, so also acceptable to a client that only accepts the error answers' media type
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "deleteTimeEntry", summary = "Delete one of the caller's entries")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "time_entry_not_found")
  public Uni<Void> delete(@PathParam("id") long id) {
    return caller.user().chain(u -> service.delete(u, id));
  }

  @GET
  @Path("/export.csv")
  @Produces("text/csv")
  @ResponseHeader(name = "Content-Disposition", value = "attachment; filename=\"time-entries.csv\"")
  @Operation(
      operationId = "exportTimeEntriesCsv",
      summary = "The caller's entries between two local dates as CSV, streamed")
  @APIResponse(
      responseCode = "200",
      description = "RFC 4180 CSV with a header row",
      content =
          @Content(
              mediaType = "text/csv",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  public Multi<String> exportCsv(
      @QueryParam("from") LocalDate from,
      @QueryParam("to") LocalDate to,
      @Parameter(
              description =
                  "true: every value exactly as stored; default false: text cells starting with"
                      + " = + - @, a tab or a CR get a leading ' so spreadsheets show them as text")
          @QueryParam("raw")
          @DefaultValue("false")
          boolean raw,
      @Context HttpServerResponse response) {
    if (from == null) {
      throw ApiException.invalidField("from", "must not be null");
    }
    if (to == null) {
      throw ApiException.invalidField("to", "must not be null");
    }
    return caller
        .user()
        .toMulti()
        .flatMap(u -> export.csv(u, from, to, raw))
        .onFailure()
        .invoke(
            failure -> {
              // once the status line is out a problem document can't follow: cut the connection
              // so the client sees a truncated transfer instead of waiting for the idle timeout
              if (response.headWritten()) {
                LOG.warnf("CSV export failed after the first bytes: %s", failure.getMessage());
                response.reset();
              }
            });
  }
}
