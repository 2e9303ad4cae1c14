package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.api.SummaryReportDto;
import io.timetracker.contracts.api.TodaySummaryDto;
import io.timetracker.timer.service.ApiException;
import io.timetracker.timer.service.ReportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Totals of the caller's completed work, in the caller's time zone. */
@Path("/api/v1/reports")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class ReportResource {
  private final Caller caller;
  private final ReportService reports;

  public ReportResource(Caller caller, ReportService reports) {
    this.caller = caller;
    this.reports = reports;
  }

  @GET
  @Path("/summary")
  @Operation(
      operationId = "getSummary",
      summary = "Totals between two local dates",
      description =
          "Completed entries whose start falls between the caller's local midnight of `from` and"
              + " the local midnight after `to` (at most 366 days), grouped by project, task or"
              + " local day. Running timers are left out.")
  @APIResponse(responseCode = "200", description = "OK")
  @APIResponse(
      responseCode = "400",
      description =
          "validation_failed: `from`/`to` missing or not a date, `to` before `from`, range over"
              + " 366 days, or an unknown `groupBy`; `errors[].field` names the parameter",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<SummaryReportDto> summary(
      @Parameter(
              description = "First local date, inclusive",
              required = true,
              example = "2026-06-01",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("from")
          LocalDate from,
      @Parameter(
              description = "Last local date, inclusive",
              required = true,
              example = "2026-06-30",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("to")
          LocalDate to,
      @Parameter(
              description = "How rows are grouped",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"project", "task", "day"},
                      defaultValue = "project"))
          @QueryParam("groupBy")
          @DefaultValue("project")
          String groupBy) {
    // an unparsable date is already a 400 naming the parameter (ParamConverters)
    if (from == null) {
      throw ApiException.invalidField("from", "must not be null");
    }
    if (to == null) {
      throw ApiException.invalidField("to", "must not be null");
    }
    return caller.user().chain(u -> reports.summary(u, from, to, groupBy));
  }

  @GET
  @Path("/today")
  @Operation(
      operationId = "getToday",
      summary = "Completed work of the caller's local today",
      description =
          "Entries that started between the caller's last local midnight and the next one;"
              + " running timers are left out.")
  public Uni<TodaySummaryDto> today() {
    return caller.user().chain(reports::today);
  }
}
