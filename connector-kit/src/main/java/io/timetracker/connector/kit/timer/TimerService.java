package io.timetracker.connector.kit.timer;

import io.smallrye.mutiny.Multi;
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
import io.timetracker.contracts.client.CoreNotFoundException;
import io.timetracker.contracts.client.TimerServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The timer-service as every connector calls it: contracts' typed {@link TimerServiceClient} (its
 * client-credentials token added by the OIDC client filter configured for {@code timer-service})
 * and the user's own {@code /me}. Each operation runs under its own guard from {@link
 * TimerServiceGuards}: a timeout, retries with exponential backoff and jitter on 5xx, 429 and I/O
 * failures (never on a 4xx: those are final), and a circuit breaker named {@code
 * timer-service-<operation>}, all from {@link TimerServiceConfig}.
 */
@ApplicationScoped
public class TimerService {

  /** The breaker names are this prefix and the operation name. */
  public static final String BREAKER_PREFIX = "timer-service-";

  private final TimerServiceClient service;
  private final TimerServiceUserClient users;
  private final TimerServiceGuards guards;

  /** Both REST clients and the guards. */
  public TimerService(
      @RestClient TimerServiceClient service,
      @RestClient TimerServiceUserClient users,
      TimerServiceGuards guards) {
    this.service = service;
    this.users = users;
    this.guards = guards;
  }

  /** The signed-in user as the core knows them, from their raw access token ({@code me}). */
  public Uni<UserDto> me(String rawAccessToken) {
    return guards.guarded("me", () -> users.me("Bearer " + rawAccessToken));
  }

  /** Active projects the user may track time on, filtered when search is set. */
  public Uni<List<ProjectDto>> allowedProjects(long userId, String search) {
    return guards.guarded("allowed-projects", () -> service.allowedProjects(userId, search));
  }

  /** Creates or updates the task with this external reference ({@code upsert-task}). */
  public Uni<TaskDto> upsertTask(long userId, UpsertTaskByRefRequest request) {
    return upsertTaskWithOutcome(userId, request).map(Upserted::value);
  }

  /** Creates or updates the task with this external reference; says whether it was new. */
  public Uni<Upserted<TaskDto>> upsertTaskWithOutcome(long userId, UpsertTaskByRefRequest request) {
    return guards.guarded(
        "upsert-task",
        () ->
            service
                .upsertTaskByRef(userId, request)
                .map(
                    response -> new Upserted<>(response.getEntity(), response.getStatus() == 201)));
  }

  /** Creates or replaces the finished entry with this external reference. */
  public Uni<Upserted<TimeEntryDto>> upsertTimeEntry(
      long userId, ExternalTimeEntryRequest request) {
    return guards.guarded(
        "upsert-time-entry",
        () ->
            service
                .upsertTimeEntryByRef(userId, request)
                .map(
                    response -> new Upserted<>(response.getEntity(), response.getStatus() == 201)));
  }

  /**
   * Creates, replaces or leaves the user's finished entries with these external references ({@code
   * upsert-time-entries}): calls of at most {@link ExternalTimeEntryBatchRequest#MAX_ITEMS} items,
   * each one transaction in the core, one after the other. One result per request, in order, its
   * {@code index} counted over the whole list; a refused item carries the core's problem and does
   * not fail the others. Retrying a call is safe: items already written come back {@code
   * unchanged}.
   */
  public Uni<List<ExternalTimeEntryBatchResult.Item>> upsertTimeEntries(
      long userId, List<ExternalTimeEntryRequest> requests) {
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < requests.size(); i += ExternalTimeEntryBatchRequest.MAX_ITEMS) {
      offsets.add(i);
    }
    return Multi.createFrom()
        .iterable(offsets)
        .onItem()
        .transformToUniAndConcatenate(offset -> upsertChunk(userId, requests, offset))
        .collect()
        .in(ArrayList<ExternalTimeEntryBatchResult.Item>::new, List::addAll)
        .map(List::copyOf);
  }

  private Uni<List<ExternalTimeEntryBatchResult.Item>> upsertChunk(
      long userId, List<ExternalTimeEntryRequest> requests, int offset) {
    List<ExternalTimeEntryRequest> chunk =
        List.copyOf(
            requests.subList(
                offset,
                Math.min(requests.size(), offset + ExternalTimeEntryBatchRequest.MAX_ITEMS)));
    return guards
        .guarded(
            "upsert-time-entries",
            () -> service.upsertTimeEntriesByRef(userId, new ExternalTimeEntryBatchRequest(chunk)))
        .map(
            result ->
                result.items().stream()
                    .map(
                        item ->
                            new ExternalTimeEntryBatchResult.Item(
                                item.index() + offset,
                                item.externalRef(),
                                item.outcome(),
                                item.entry(),
                                item.problem()))
                    .toList());
  }

  /** Deletes the entry with this external reference. */
  public Uni<Void> deleteTimeEntry(long userId, String externalRef) {
    return guards.guarded(
        "delete-time-entry", () -> service.deleteTimeEntryByRef(userId, externalRef));
  }

  /** The user's finished entries changed since an instant, oldest first. */
  public Uni<List<TimeEntryDto>> completedEntries(long userId, Instant since, int limit) {
    return guards.guarded(
        "completed-entries", () -> service.completedEntries(userId, since, limit));
  }

  /** The user's timer ({@code timer}). */
  public Uni<TimerStatusDto> timer(long userId) {
    return guards.guarded("timer", () -> service.timer(userId));
  }

  /** Starts a timer for the user ({@code start-timer}). */
  public Uni<TimeEntryDto> startTimer(long userId, ServiceStartTimerRequest request) {
    return guards.guarded("start-timer", () -> service.startTimer(userId, request));
  }

  /** Stops the user's timer ({@code stop-timer}). */
  public Uni<TimeEntryDto> stopTimer(long userId) {
    return guards.guarded("stop-timer", () -> service.stopTimer(userId));
  }

  /** The user's completed work today in their time zone ({@code today-summary}). */
  public Uni<TodaySummaryDto> todaySummary(long userId) {
    return guards.guarded("today-summary", () -> service.todaySummary(userId));
  }

  /** The user linked to a GitHub login, if any ({@code user-by-github}). */
  @SuppressWarnings("deprecation")
  public Uni<Optional<UserDto>> userByGithubLogin(String login) {
    return guards
        .guarded("user-by-github", () -> service.userByGithubLogin(login))
        .map(Optional::of)
        .onFailure(CoreNotFoundException.class)
        .recoverWithItem(Optional.empty());
  }

  /** The user linked to an account at another system, if any ({@code user-by-identity}). */
  public Uni<Optional<UserDto>> userByIdentity(String provider, String externalId) {
    return guards
        .guarded("user-by-identity", () -> service.userByIdentity(provider, externalId))
        .map(Optional::of)
        .onFailure(CoreNotFoundException.class)
        .recoverWithItem(Optional.empty());
  }

  /** Links an account at another system to the user ({@code link-identity}); says if new. */
  public Uni<Upserted<IdentityDto>> linkIdentity(long userId, LinkIdentityRequest request) {
    return guards.guarded(
        "link-identity",
        () ->
            service
                .linkIdentity(userId, request)
                .map(
                    response -> new Upserted<>(response.getEntity(), response.getStatus() == 201)));
  }

  /** Removes the user's link to the account ({@code unlink-identity}). */
  public Uni<Void> unlinkIdentity(long userId, String provider, String externalId) {
    return guards.guarded(
        "unlink-identity", () -> service.unlinkIdentity(userId, provider, externalId));
  }

  /**
   * The result of an upsert by external reference.
   *
   * @param value the stored task or entry
   * @param created whether it was created (201) rather than updated
   * @param <T> task or time entry
   */
  public record Upserted<T>(T value, boolean created) {}
}
