package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.model.RegisteredWorkspace;
import io.timetracker.connector.slack.model.Workspace;
import io.timetracker.connector.slack.model.WorkspaceRequest;
import io.timetracker.connector.slack.repository.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.regex.Pattern;

/** Installing into a workspace: an admin's registration, or the OAuth v2 exchange's result. */
@ApplicationScoped
public class WorkspaceService {

  private static final Pattern TEAM = Pattern.compile("T[A-Z0-9]{2,30}");

  private final WorkspaceRepository workspaces;
  private final WorkspaceSecrets secrets;
  private final TimerService core;
  private final SlackConfig config;
  private final Clock clock;

  /** Collaborators. */
  public WorkspaceService(
      WorkspaceRepository workspaces,
      WorkspaceSecrets secrets,
      TimerService core,
      SlackConfig config,
      Clock clock) {
    this.workspaces = workspaces;
    this.secrets = secrets;
    this.core = core;
    this.config = config;
    this.clock = clock;
  }

  /** An admin registers a workspace's app credentials (secrets encrypted, fail closed). */
  public Uni<RegisteredWorkspace> register(Caller admin, WorkspaceRequest r) {
    if (r == null || r.teamId() == null || !TEAM.matcher(r.teamId()).matches()) {
      throw ApiException.invalid("invalid_team_id", "teamId must be a Slack team id (T…)");
    }
    if (r.botToken() == null || !r.botToken().startsWith("xoxb-")) {
      throw ApiException.invalid("invalid_token", "botToken must be a bot token (xoxb-…)");
    }
    boolean ownSecret = r.signingSecret() != null && !r.signingSecret().isBlank();
    String token = secrets.encryptToken(r.teamId(), r.botToken());
    String secret = ownSecret ? secrets.encryptSigningSecret(r.teamId(), r.signingSecret()) : null;
    return core.me(admin.rawToken())
        .chain(
            user ->
                workspaces.upsert(
                    new Workspace(
                        r.teamId(), r.teamName(), token, secret, null, user.id(), "admin", null),
                    clock.instant()))
        .map(w -> registered(w.teamId(), ownSecret));
  }

  /** Stores what "Add to Slack" gave: the workspace's bot token (the app's signing secret). */
  public Uni<Workspace> installed(
      String teamId, String teamName, String botToken, String botUser, Long by) {
    return workspaces.upsert(
        new Workspace(
            teamId,
            teamName,
            secrets.encryptToken(teamId, botToken),
            null,
            botUser,
            by,
            "oauth",
            null),
        clock.instant());
  }

  /** Removes a workspace. */
  public Uni<Void> remove(String teamId) {
    return workspaces
        .delete(teamId)
        .invoke(
            gone -> {
              if (!gone) {
                throw ApiException.notFound("workspace_not_found", "No such Slack workspace");
              }
            })
        .replaceWithVoid();
  }

  private RegisteredWorkspace registered(String teamId, boolean ownSecret) {
    String base = config.publicBaseUrl().replaceAll("/+$", "") + "/api/integrations/slack";
    String suffix = ownSecret ? "/" + teamId : "";
    return new RegisteredWorkspace(
        teamId, base + "/commands" + suffix, base + "/events" + suffix, ownSecret);
  }
}
