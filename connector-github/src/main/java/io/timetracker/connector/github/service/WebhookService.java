package io.timetracker.connector.github.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.WebhookAnswer;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.connector.kit.inbox.IncomingDelivery;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.signature.GitHubSignatureVerifier;
import io.timetracker.connector.kit.signature.Headers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Receives GitHub deliveries: size cap, signature on the raw bytes before anything is parsed (one
 * HMAC per candidate connection), then the inbox (deduplicated on {@code X-GitHub-Delivery}).
 * Processing happens later, in the kit's inbox runner with {@link GithubInboxHandler}.
 */
@ApplicationScoped
public class WebhookService {

  /** The {@code issues} actions this connector acts on; others are acknowledged and ignored. */
  public static final Set<String> HANDLED_ACTIONS =
      Set.of(
          "opened",
          "edited",
          "labeled",
          "unlabeled",
          "closed",
          "reopened",
          "assigned",
          "unassigned");

  private static final Logger LOG = Logger.getLogger(WebhookService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectionRepository connections;
  private final ConnectionSecrets secrets;
  private final GitHubSignatureVerifier verifier;
  private final Inbox inbox;
  private final GithubConfig config;
  private final java.time.Clock clock;

  /** Collaborators. */
  public WebhookService(
      ConnectionRepository connections,
      ConnectionSecrets secrets,
      GitHubSignatureVerifier verifier,
      Inbox inbox,
      GithubConfig config,
      java.time.Clock clock) {
    this.clock = clock;
    this.connections = connections;
    this.secrets = secrets;
    this.verifier = verifier;
    this.inbox = inbox;
    this.config = config;
  }

  /** A delivery to {@code /webhook/{connectionId}}: exactly one HMAC. */
  public Uni<WebhookAnswer> receive(UUID connectionId, byte[] body, Headers headers) {
    checkSize(body);
    return connections
        .find(connectionId)
        .map(found -> found.filter(Connection::active).map(List::of).orElse(List.of()))
        .map(candidates -> verified(candidates, body, headers))
        .chain(c -> accept(c, body, headers));
  }

  /**
   * A delivery to {@code /webhook} without an id (the original's URL): routed by {@code
   * repository.full_name} to the active connections of that repository, one HMAC each.
   */
  public Uni<WebhookAnswer> receive(byte[] body, Headers headers) {
    checkSize(body);
    String[] repo = repositoryOf(body);
    return connections
        .activeForRepository(repo[0], repo[1])
        .map(candidates -> verified(candidates, body, headers))
        .chain(c -> accept(c, body, headers));
  }

  private Connection verified(List<Connection> candidates, byte[] body, Headers headers) {
    for (Connection c : candidates) {
      // the current secret, and the one replaced by a rotation while its overlap lasts
      for (String secret : secrets.webhookCandidates(c, clock.instant())) {
        if (verifier.verify(secret, body, headers).valid()) {
          return c;
        }
      }
    }
    LOG.warnf(
        "webhook rejected: no matching connection among %d candidate(s), delivery %s",
        candidates.size(), headers.firstOrNull(GitHubSignatureVerifier.DELIVERY_HEADER));
    throw new ApiException(401, "invalid_signature", "No matching GitHub integration");
  }

  private Uni<WebhookAnswer> accept(Connection c, byte[] body, Headers headers) {
    String event = headers.firstOrNull(GitHubSignatureVerifier.EVENT_HEADER);
    if (event == null || event.isBlank()) {
      throw ApiException.invalid("missing_event", "X-GitHub-Event header is missing.");
    }
    if ("ping".equals(event)) {
      return Uni.createFrom().item(WebhookAnswer.pong());
    }
    JsonNode payload = parse(body);
    if (!"issues".equals(event)) {
      return Uni.createFrom().item(WebhookAnswer.ignored("Unhandled event: " + event));
    }
    String action = payload.path("action").asText("");
    if (!HANDLED_ACTIONS.contains(action)) {
      return Uni.createFrom().item(WebhookAnswer.ignored("Unhandled action: " + action));
    }
    if (!c.isRepository(payload.path("repository").path("full_name").asText(null))) {
      return Uni.createFrom().item(WebhookAnswer.ignored("Repository is not " + c.fullName()));
    }
    String deliveryId = headers.firstOrNull(GitHubSignatureVerifier.DELIVERY_HEADER);
    if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 128) {
      throw ApiException.invalid("missing_delivery_id", "X-GitHub-Delivery header is missing.");
    }
    return inbox
        .store(
            new IncomingDelivery(
                "github",
                deliveryId,
                c.id().toString(),
                event,
                action,
                body,
                headers,
                GithubInboxHandler.deliveryKey(payload, deliveryId)))
        .map(
            stored ->
                stored.duplicate()
                    ? WebhookAnswer.duplicate(deliveryId)
                    : WebhookAnswer.received(deliveryId));
  }

  private void checkSize(byte[] body) {
    if (body.length > config.webhook().maxBodyBytes()) {
      throw new ApiException(
          413,
          "payload_too_large",
          "Body larger than " + config.webhook().maxBodyBytes() + " bytes.");
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (java.io.IOException e) {
      // fall through: the same answer for any unreadable body
    }
    throw ApiException.invalid("malformed_payload", "Malformed payload");
  }

  // only for routing; nothing from it is trusted until one connection's HMAC matches
  private static String[] repositoryOf(byte[] body) {
    String fullName = parse(body).path("repository").path("full_name").asText("");
    String[] parts = fullName.split("/", 2);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new ApiException(401, "invalid_signature", "No matching GitHub integration");
    }
    return parts;
  }
}
