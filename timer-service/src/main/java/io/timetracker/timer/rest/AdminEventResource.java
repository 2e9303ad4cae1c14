package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.messaging.OutboxReplay;
import io.timetracker.timer.messaging.OutboxReplay.ParkedEvent;
import io.timetracker.timer.service.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Operations on the event stream for admins: replay of retained events, parked events. */
@Path("/api/v1/admin/events")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminEventResource {
  private final OutboxReplay replay;

  public AdminEventResource(OutboxReplay replay) {
    this.replay = replay;
  }

  /** What to replay: a time range of {@code ce_time}, or everything from one event on. */
  @Schema(name = "ReplayRequest")
  public record ReplayRequest(
      @Schema(description = "Start of the ce_time range (inclusive); with to.") Instant from,
      @Schema(description = "End of the ce_time range (exclusive); with from.") Instant to,
      @Schema(description = "Replay this event and every later one; instead of from/to.")
          UUID fromEventId,
      @Schema(description = "Only events of this topic; all topics when absent.")
          @Pattern(regexp = "tt\\.time-entries\\.v1|tt\\.tasks\\.v1")
          String topic) {}

  /** How many published events were queued for publishing again. */
  @Schema(name = "ReplayResult")
  public record ReplayResult(int count) {}

  @POST
  @Path("/replay")
  @ResponseStatus(202)
  @Operation(
      operationId = "replayEvents",
      summary = "Publish retained events again, with their original ce_id")
  @APIResponse(
      responseCode = "202",
      description = "Queued; the relay publishes them shortly",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ReplayResult.class)))
  @APIResponse(responseCode = "400", description = "validation_failed")
  @APIResponse(responseCode = "404", description = "event_not_found")
  public Uni<ReplayResult> replay(@Valid @NotNull ReplayRequest request) {
    boolean range = request.from() != null || request.to() != null;
    if (range == (request.fromEventId() != null)) {
      throw ApiException.invalidField("from", "give either from and to, or fromEventId");
    }
    if (request.fromEventId() != null) {
      return replay.fromEvent(request.fromEventId(), request.topic()).map(ReplayResult::new);
    }
    if (request.from() == null || request.to() == null) {
      throw ApiException.invalidField(request.from() == null ? "from" : "to", "must not be null");
    }
    if (!request.from().isBefore(request.to())) {
      throw ApiException.invalidField("to", "must be after from");
    }
    return replay.timeRange(request.from(), request.to(), request.topic()).map(ReplayResult::new);
  }

  @GET
  @Path("/parked")
  @Operation(
      operationId = "listParkedEvents",
      summary = "Events the relay parked because the broker refused them, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = ParkedEvent.class)))
  public Uni<List<ParkedEvent>> parked(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return replay.listParked(limit);
  }

  @POST
  @Path("/parked/{eventId}/replay")
  @ResponseStatus(202)
  @Operation(
      operationId = "replayParkedEvent",
      summary = "Publish a parked event again, once what made the broker refuse it is fixed")
  @APIResponse(
      responseCode = "202",
      description = "Queued; the relay publishes it shortly",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ReplayResult.class)))
  @APIResponse(responseCode = "404", description = "event_not_parked")
  @Consumes(MediaType.WILDCARD)
  public Uni<ReplayResult> replayParked(@PathParam("eventId") UUID eventId) {
    return replay.parked(eventId).map(ReplayResult::new);
  }
}
