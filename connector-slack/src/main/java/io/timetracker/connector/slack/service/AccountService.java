package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.NotConfigured;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.model.UserSettings;
import io.timetracker.connector.slack.repository.SlackUserRepository;
import io.timetracker.connector.slack.repository.WorkspaceRepository;
import io.timetracker.contracts.api.UserDto;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The signed-in user's Slack link and settings: read, save (the daily summary is rescheduled), test
 * the workspace's token, unlink.
 */
@ApplicationScoped
public class AccountService {

  private final SlackUserRepository users;
  private final WorkspaceRepository workspaces;
  private final WorkspaceSecrets secrets;
  private final TimerService core;
  private final SummaryScheduler summaries;
  private final Clock clock;

  /** Collaborators. */
  public AccountService(
      SlackUserRepository users,
      WorkspaceRepository workspaces,
      WorkspaceSecrets secrets,
      TimerService core,
      SummaryScheduler summaries,
      Clock clock) {
    this.users = users;
    this.workspaces = workspaces;
    this.secrets = secrets;
    this.core = core;
    this.summaries = summaries;
    this.clock = clock;
  }

  /** The caller in the core. */
  public Uni<UserDto> me(Caller caller) {
    return core.me(caller.rawToken());
  }

  /** The caller's link; 404 {@code not_configured} when they have none. */
  public Uni<SlackUser> linked(Caller caller) {
    return me(caller).chain(user -> users.find(user.id())).map(AccountService::orNotConfigured);
  }

  /** Saves the caller's settings; their time zone is refreshed from the core on the way. */
  public Uni<SlackUser> save(Caller caller, UserSettings settings) {
    UserSettings valid = settings.validated();
    return me(caller)
        .chain(user -> users.saveSettings(user.id(), valid, zoneOf(user), clock.instant()))
        .map(AccountService::orNotConfigured)
        .call(summaries::reschedule);
  }

  /** The bot token of the caller's workspace, for a test call. */
  public Uni<String> botToken(SlackUser user) {
    return workspaces
        .find(user.teamId())
        .map(
            w ->
                secrets.botToken(
                    w.orElseThrow(
                        () ->
                            ApiException.notFound(
                                "workspace_not_installed",
                                "The Slack workspace is no longer installed"))));
  }

  /** Unlinks the caller: the core's identity and the local settings go. */
  public Uni<Void> unlink(Caller caller) {
    return linked(caller)
        .call(u -> core.unlinkIdentity(u.userId(), LinkService.PROVIDER, u.externalId()))
        .call(u -> summaries.unschedule(u.userId()))
        .chain(u -> users.delete(u.userId()))
        .replaceWithVoid();
  }

  private static String zoneOf(UserDto user) {
    return user.timeZone() == null || user.timeZone().isBlank() ? "UTC" : user.timeZone();
  }

  private static SlackUser orNotConfigured(java.util.Optional<SlackUser> user) {
    return user.orElseThrow(() -> ApiException.notFound("not_configured", NotConfigured.MESSAGE));
  }
}
