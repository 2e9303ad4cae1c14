package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.slack.model.SlackRequest;
import io.timetracker.connector.slack.model.Workspace;
import io.timetracker.connector.slack.repository.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Events API callbacks: {@code url_verification} answers its challenge (only ever after the
 * signature held); {@code app_uninstalled} and {@code tokens_revoked} forget the workspace's
 * credentials (idempotent, so Slack's retries change nothing); anything else is acknowledged.
 */
@ApplicationScoped
public class EventService {

  private static final Logger LOG = Logger.getLogger(EventService.class);

  private final WorkspaceRepository workspaces;

  /** Collaborators. */
  public EventService(WorkspaceRepository workspaces) {
    this.workspaces = workspaces;
  }

  /** The answer to a verified callback. */
  public Uni<Map<String, Object>> handle(Workspace fromUrl, SlackRequest.Event event) {
    if ("url_verification".equals(event.type())) {
      return Uni.createFrom().item(Map.of("challenge", event.body().path("challenge").asText("")));
    }
    String inner = event.body().path("event").path("type").asText("");
    String team = fromUrl != null ? fromUrl.teamId() : event.teamId();
    if (team != null && ("app_uninstalled".equals(inner) || "tokens_revoked".equals(inner))) {
      LOG.infof("Slack workspace %s: %s, credentials removed", team, inner);
      return workspaces.delete(team).map(ignored -> Map.of("ok", true));
    }
    return Uni.createFrom().item(Map.of("ok", true));
  }
}
