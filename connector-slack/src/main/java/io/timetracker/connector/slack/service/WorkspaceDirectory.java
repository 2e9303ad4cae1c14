package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.cache.TableCache;
import io.timetracker.connector.kit.cache.TableCaches;
import io.timetracker.connector.slack.model.Workspace;
import io.timetracker.connector.slack.repository.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Workspaces as every Slack request and every notification reads them: per team id, with the
 * workspace's own signing secret already decrypted, from connector-kit's {@link TableCaches} (in
 * memory only, bounded, at most {@code connector.cache.ttl} old, emptied in every replica when
 * {@code slack_workspace} changes). The database keeps only ciphertexts.
 */
@ApplicationScoped
public class WorkspaceDirectory {

  private final WorkspaceRepository workspaces;
  private final WorkspaceSecrets secrets;
  private final TableCache<String, Optional<Known>> cache;

  /** Collaborators. */
  public WorkspaceDirectory(
      WorkspaceRepository workspaces, WorkspaceSecrets secrets, TableCaches caches) {
    this.workspaces = workspaces;
    this.secrets = secrets;
    this.cache = caches.cache(WorkspaceRepository.TABLE);
  }

  /** The workspace with this team id, if registered or installed. */
  public Uni<Optional<Known>> find(String teamId) {
    return cache.get(
        teamId,
        id -> workspaces.find(id).map(w -> w.map(ws -> new Known(ws, secrets.signingSecret(ws)))));
  }

  /**
   * A workspace and its own signing secret in plain text ({@code null} when it uses the app's);
   * {@link #toString()} never shows the secret.
   *
   * @param workspace the stored row (secrets as ciphertexts)
   * @param signingSecret the decrypted signing secret of the workspace's own app, or null
   */
  public record Known(Workspace workspace, String signingSecret) {
    @Override
    public String toString() {
      return "Known[" + workspace + "]";
    }
  }
}
