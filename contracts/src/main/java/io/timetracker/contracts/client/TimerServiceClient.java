package io.timetracker.contracts.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ExternalTimeEntryBatchRequest;
import io.timetracker.contracts.api.ExternalTimeEntryBatchResult;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.IdentityDto;
import io.timetracker.contracts.api.LinkIdentityRequest;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.TodaySummaryDto;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import io.timetracker.contracts.api.UserDto;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The core's service API (role {@code service} plus one capability per operation, bound to the
 * calling client's source; {@code docs/adr/0005-scoped-service-clients.md}) as connectors call it:
 * act for a given user.
 *
 * <p>The URL comes from {@code quarkus.rest-client.timer-service.url}. Error answers become {@link
 * CoreProblemException}s (see {@link CoreProblems}). This interface carries no credentials: a
 * connector adds its client-credentials token as described in {@code
 * docs/adr/0002-typed-core-client.md}. Each method names the server's {@code operationId}; a test
 * in timer-service checks both against the generated OpenAPI document.
 */
@RegisterRestClient(configKey = "timer-service")
@Path("/api/v1/service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TimerServiceClient {

  /** The user's timer state; 404 {@code user_not_found}. */
  @GET
  @Path("/users/{userId}/timer")
  @Operation(operationId = "serviceGetTimer")
  Uni<TimerStatusDto> timer(@PathParam("userId") long userId);

  /**
   * Starts a timer for the user; 409 {@code timer_already_running} ({@link
   * TimerAlreadyRunningException}) when one runs and the request says {@code whenRunning=skip}.
   */
  @POST
  @Path("/users/{userId}/timer/start")
  @Operation(operationId = "serviceStartTimer")
  Uni<TimeEntryDto> startTimer(@PathParam("userId") long userId, ServiceStartTimerRequest request);

  /** Stops the user's timer; 404 {@code no_active_timer}. */
  @POST
  @Path("/users/{userId}/timer/stop")
  @Operation(operationId = "serviceStopTimer")
  Uni<TimeEntryDto> stopTimer(@PathParam("userId") long userId);

  /** The user's completed work today in their time zone. */
  @GET
  @Path("/users/{userId}/summary/today")
  @Operation(operationId = "serviceTodaySummary")
  Uni<TodaySummaryDto> todaySummary(@PathParam("userId") long userId);

  /** Active projects the user may track time on, filtered by name or code when search is set. */
  @GET
  @Path("/users/{userId}/projects")
  @Operation(operationId = "serviceAllowedProjects")
  Uni<List<ProjectDto>> allowedProjects(
      @PathParam("userId") long userId, @QueryParam("search") String search);

  /** Creates (201) or updates (200) the task with this external reference. */
  @PUT
  @Path("/users/{userId}/tasks/by-ref")
  @Operation(operationId = "serviceUpsertTaskByRef")
  Uni<RestResponse<TaskDto>> upsertTaskByRef(
      @PathParam("userId") long userId, UpsertTaskByRefRequest request);

  /** Creates (201) or replaces (200) the finished entry with this external reference. */
  @PUT
  @Path("/users/{userId}/time-entries/by-ref")
  @Operation(operationId = "serviceUpsertTimeEntryByRef")
  Uni<RestResponse<TimeEntryDto>> upsertTimeEntryByRef(
      @PathParam("userId") long userId, ExternalTimeEntryRequest request);

  /**
   * Upserts up to {@link ExternalTimeEntryBatchRequest#MAX_ITEMS} finished entries of the user in
   * one transaction, each as {@link #upsertTimeEntryByRef} would; one result per item ({@code
   * created}, {@code updated}, {@code unchanged} or {@code refused} with its problem).
   */
  @POST
  @Path("/users/{userId}/time-entries/by-ref/batch")
  @Operation(operationId = "serviceUpsertTimeEntriesByRef")
  Uni<ExternalTimeEntryBatchResult> upsertTimeEntriesByRef(
      @PathParam("userId") long userId, ExternalTimeEntryBatchRequest request);

  /** Deletes the entry with this external reference; 404 {@code time_entry_not_found}. */
  @DELETE
  @Path("/users/{userId}/time-entries/by-ref")
  @Operation(operationId = "serviceDeleteTimeEntryByRef")
  Uni<Void> deleteTimeEntryByRef(
      @PathParam("userId") long userId, @QueryParam("externalRef") String externalRef);

  /** The user's finished entries changed since an instant, oldest first, at most limit (1–1000). */
  @GET
  @Path("/users/{userId}/time-entries/completed")
  @Operation(operationId = "serviceCompletedEntries")
  Uni<List<TimeEntryDto>> completedEntries(
      @PathParam("userId") long userId,
      @QueryParam("since") Instant since,
      @QueryParam("limit") int limit);

  /**
   * The user linked to an account at another system ({@code github} login, {@code slack} {@code
   * TEAM:USER}, {@code google} account id); 404 {@code user_not_found}.
   */
  @GET
  @Path("/users/by-identity")
  @Operation(operationId = "serviceFindUserByIdentity")
  Uni<UserDto> userByIdentity(
      @QueryParam("provider") String provider, @QueryParam("externalId") String externalId);

  /**
   * Links an account at another system to the user: 201 when new, 200 when already linked to this
   * user; 409 {@code identity_in_use} ({@link CoreConflictException}) when another user has it.
   */
  @PUT
  @Path("/users/{userId}/identities")
  @Operation(operationId = "serviceLinkIdentity")
  Uni<RestResponse<IdentityDto>> linkIdentity(
      @PathParam("userId") long userId, LinkIdentityRequest request);

  /** Removes the user's link to the account; 404 {@code identity_not_found}. */
  @DELETE
  @Path("/users/{userId}/identities")
  @Operation(operationId = "serviceUnlinkIdentity")
  Uni<Void> unlinkIdentity(
      @PathParam("userId") long userId,
      @QueryParam("provider") String provider,
      @QueryParam("externalId") String externalId);

  /**
   * The active user linked to a GitHub login; 404 {@code user_not_found}.
   *
   * @deprecated use {@link #userByIdentity(String, String)} with provider {@code github}
   */
  @Deprecated
  @GET
  @Path("/users/by-github/{login}")
  @Operation(operationId = "serviceFindUserByGithubLogin")
  Uni<UserDto> userByGithubLogin(@PathParam("login") String login);

  /** Every 4xx/5xx answer becomes a typed exception; never an untyped WebApplicationException. */
  @ClientExceptionMapper
  static RuntimeException toException(Response response) {
    return CoreProblems.from(response);
  }
}
