package io.timetracker.connector.github.client;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import io.timetracker.contracts.api.UserDto;
import io.timetracker.contracts.client.CoreNotFoundException;
import io.timetracker.contracts.client.TimerServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The core as this connector uses it: the typed service client from {@code contracts} (its
 * client-credentials token is added by the OIDC client filter registered for config key {@code
 * timer-service}) plus the user's own {@code /me}. No retry here: deliveries are retried by the
 * inbox, with backoff, so a core outage only delays them.
 */
@ApplicationScoped
public class CoreClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final TimerServiceClient service;
  private final CoreUserRestClient users;

  /** Both REST clients. */
  public CoreClient(@RestClient TimerServiceClient service, @RestClient CoreUserRestClient users) {
    this.service = service;
    this.users = users;
  }

  /** The signed-in user as the core knows them, from their raw access token. */
  public Uni<UserDto> me(String rawAccessToken) {
    return users.me("Bearer " + rawAccessToken).ifNoItem().after(TIMEOUT).fail();
  }

  /** Active projects the user may track time on. */
  public Uni<List<ProjectDto>> allowedProjects(long userId) {
    return service.allowedProjects(userId, null).ifNoItem().after(TIMEOUT).fail();
  }

  /** Creates or updates the task with this external reference. */
  public Uni<TaskDto> upsertTask(long userId, UpsertTaskByRefRequest request) {
    return service
        .upsertTaskByRef(userId, request)
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .map(response -> response.getEntity());
  }

  /** Creates or updates the task with this external reference; says whether it was new. */
  public Uni<Upserted> upsertTaskWithOutcome(long userId, UpsertTaskByRefRequest request) {
    return service
        .upsertTaskByRef(userId, request)
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .map(response -> new Upserted(response.getEntity(), response.getStatus() == 201));
  }

  /**
   * An upserted task.
   *
   * @param task the task
   * @param created whether it was created (201) rather than updated
   */
  public record Upserted(TaskDto task, boolean created) {}

  /** The user's timer. */
  public Uni<TimerStatusDto> timer(long userId) {
    return service.timer(userId).ifNoItem().after(TIMEOUT).fail();
  }

  /** Starts a timer for the user. */
  public Uni<TimeEntryDto> startTimer(long userId, ServiceStartTimerRequest request) {
    return service.startTimer(userId, request).ifNoItem().after(TIMEOUT).fail();
  }

  /** Stops the user's timer. */
  public Uni<TimeEntryDto> stopTimer(long userId) {
    return service.stopTimer(userId).ifNoItem().after(TIMEOUT).fail();
  }

  /** The user linked to a GitHub login, if any. */
  public Uni<Optional<UserDto>> userByGithubLogin(String login) {
    return service
        .userByGithubLogin(login)
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .map(Optional::of)
        .onFailure(CoreNotFoundException.class)
        .recoverWithItem(Optional.empty());
  }
}
