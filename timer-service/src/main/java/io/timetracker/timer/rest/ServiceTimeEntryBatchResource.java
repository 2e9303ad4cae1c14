package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ExternalTimeEntryBatchRequest;
import io.timetracker.contracts.api.ExternalTimeEntryBatchResult;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.timer.service.Capability;
import io.timetracker.timer.service.ServiceClient;
import io.timetracker.timer.service.TimeEntryBatchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The batch form of {@code PUT /api/v1/service/users/{userId}/time-entries/by-ref}: a page of one
 * user's externally sourced entries in one call and one transaction ({@link
 * TimeEntryBatchService}). Authorized as the single call: capability {@code time-entries}, an
 * active user, and every item in the client's own source and reference namespace (else 403 for the
 * whole call, nothing written).
 */
@Path("/api/v1/service")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "service")
public class ServiceTimeEntryBatchResource {
  private final ServiceCaller caller;
  private final TimeEntryBatchService batches;

  public ServiceTimeEntryBatchResource(ServiceCaller caller, TimeEntryBatchService batches) {
    this.caller = caller;
    this.batches = batches;
  }

  @POST
  @Path("/users/{userId}/time-entries/by-ref/batch")
  @Operation(
      operationId = "serviceUpsertTimeEntriesByRef",
      summary =
          "Create, replace or leave up to 100 finished entries by external ref in one"
              + " transaction; one result per item")
  @APIResponse(
      responseCode = "200",
      description = "One result per item: created, updated, unchanged or refused (with a problem)",
      content = @Content(schema = @Schema(implementation = ExternalTimeEntryBatchResult.class)))
  @APIResponse(
      responseCode = "400",
      description = "validation_failed: no items, or more than 100 (field items)")
  @APIResponse(
      responseCode = "403",
      description =
          "capability_missing, user_inactive, source_not_allowed or external_ref_not_owned (any"
              + " item)")
  @APIResponse(responseCode = "404", description = "user_not_found")
  public Uni<ExternalTimeEntryBatchResult> upsertEntries(
      @PathParam("userId") long userId, @Valid @NotNull ExternalTimeEntryBatchRequest request) {
    return caller
        .actFor(userId, Capability.TIME_ENTRIES)
        .invoke(a -> authorize(a.client(), request.items()))
        .chain(a -> batches.upsert(a.user(), request.items()));
  }

  /** Each item's source and reference as the single call checks them; invalid items pass here. */
  private static void authorize(ServiceClient client, List<ExternalTimeEntryRequest> items) {
    for (ExternalTimeEntryRequest item : items) {
      if (item == null) {
        continue;
      }
      if (item.source() != null) {
        client.requireSource(item.source());
      }
      client.requireRef(item.externalRef());
    }
  }
}
