package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
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
  @Operation(operationId = "getSummary", summary = "Totals between two local dates")
  public Uni<SummaryReportDto> summary(
      @QueryParam("from") LocalDate from,
      @QueryParam("to") LocalDate to,
      @QueryParam("groupBy") @DefaultValue("project") String groupBy) {
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
  @Operation(operationId = "getToday", summary = "Completed work of the caller's local today")
  public Uni<TodaySummaryDto> today() {
    return caller.user().chain(reports::today);
  }
}
