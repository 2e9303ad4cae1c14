package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.signature.Headers;
import io.timetracker.connector.kit.signature.SignatureCheck;
import io.timetracker.connector.kit.signature.SlackSignatureVerifier;
import io.timetracker.connector.kit.webhook.WebhookDecision;
import io.timetracker.connector.kit.webhook.WebhookProvider;
import io.timetracker.connector.kit.webhook.WebhookTarget;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.model.SlackRequest;
import io.timetracker.connector.slack.model.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * What Slack's requests have in common for the kit's intake: one signing secret per request, found
 * without parsing — the workspace's own app secret when the URL names its team id, else the app's
 * configured secret ("Add to Slack" installs). So one HMAC per request, never a walk over every
 * workspace. The workspace of a request is then its parsed {@code team_id}. The workspace and its
 * decrypted secret come from the {@link WorkspaceDirectory}'s cache: no database read per request.
 */
abstract class SlackRequests implements WebhookProvider<Workspace, SlackRequest> {

  /** Target id of requests verified with the app's configured secret. */
  static final String APP = "app";

  private final WorkspaceDirectory workspaces;
  private final SlackSignatureVerifier verifier;
  private final SlackConfig config;

  SlackRequests(
      WorkspaceDirectory workspaces, SlackSignatureVerifier verifier, SlackConfig config) {
    this.workspaces = workspaces;
    this.verifier = verifier;
    this.config = config;
  }

  @Override
  public String displayName() {
    return "Slack";
  }

  @Override
  public long maxBodyBytes() {
    return config.maxBodyBytes();
  }

  @Override
  public Uni<List<WebhookTarget<Workspace>>> targets(String teamId, Headers headers) {
    if (teamId == null) {
      return Uni.createFrom()
          .item(
              config
                  .signingSecret()
                  .filter(s -> !s.isBlank())
                  .map(s -> List.of(new WebhookTarget<Workspace>(APP, List.of(s), null)))
                  .orElse(List.of()));
    }
    return workspaces
        .find(teamId)
        .map(
            found -> {
              List<WebhookTarget<Workspace>> targets = new ArrayList<>();
              found.ifPresent(
                  k ->
                      targets.add(
                          new WebhookTarget<>(
                              k.workspace().teamId(), secretsOf(k), k.workspace())));
              return targets;
            });
  }

  @Override
  public SignatureCheck verify(String secret, byte[] body, Headers headers) {
    return verifier.verify(secret, body, headers);
  }

  @Override
  public WebhookDecision decide(Workspace workspace, SlackRequest request, Headers headers) {
    // Slack's requests are answered by their resources; nothing is stored in the inbox.
    throw new UnsupportedOperationException("answered by the resource");
  }

  private List<String> secretsOf(WorkspaceDirectory.Known w) {
    String own = w.signingSecret();
    if (own != null) {
      return List.of(own);
    }
    return config.signingSecret().filter(s -> !s.isBlank()).map(List::of).orElse(List.of());
  }
}
