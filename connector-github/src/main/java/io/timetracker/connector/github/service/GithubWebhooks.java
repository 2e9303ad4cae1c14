package io.timetracker.connector.github.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.signature.GitHubSignatureVerifier;
import io.timetracker.connector.kit.signature.Headers;
import io.timetracker.connector.kit.signature.SignatureCheck;
import io.timetracker.connector.kit.webhook.FormFields;
import io.timetracker.connector.kit.webhook.WebhookAnswer;
import io.timetracker.connector.kit.webhook.WebhookDecision;
import io.timetracker.connector.kit.webhook.WebhookProvider;
import io.timetracker.connector.kit.webhook.WebhookTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * GitHub's side of the kit's webhook intake: connections and their secrets, {@code
 * X-Hub-Signature-256}, the body as JSON or as GitHub's default form encoding ({@code payload}
 * field), and which {@code issues} deliveries are stored (ordered per issue).
 */
@ApplicationScoped
public class GithubWebhooks implements WebhookProvider<Connection, GithubWebhooks.Delivery> {

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

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectionRepository connections;
  private final ConnectionSecrets secrets;
  private final GitHubSignatureVerifier verifier;
  private final GithubConfig config;
  private final Clock clock;

  /** Collaborators. */
  public GithubWebhooks(
      ConnectionRepository connections,
      ConnectionSecrets secrets,
      GitHubSignatureVerifier verifier,
      GithubConfig config,
      Clock clock) {
    this.connections = connections;
    this.secrets = secrets;
    this.verifier = verifier;
    this.config = config;
    this.clock = clock;
  }

  /**
   * A verified, parsed delivery.
   *
   * @param payload the JSON object
   * @param json its bytes, as stored in the inbox
   */
  public record Delivery(JsonNode payload, byte[] json) {}

  @Override
  public String name() {
    return "github";
  }

  @Override
  public String displayName() {
    return "GitHub";
  }

  @Override
  public String path() {
    return "/api/integrations/github/webhook";
  }

  @Override
  public long maxBodyBytes() {
    return config.webhook().maxBodyBytes();
  }

  @Override
  public Uni<List<WebhookTarget<Connection>>> targets(String connectionId, Headers headers) {
    if (connectionId == null) {
      // nothing of the body is read before a signature holds: every active connection is a
      // candidate, one HMAC each, up to the configured number
      return connections
          .active(config.webhook().routedCandidates())
          .map(list -> list.stream().map(this::target).toList());
    }
    UUID id = uuid(connectionId);
    if (id == null) {
      return Uni.createFrom().item(List.of());
    }
    return connections
        .find(id)
        .map(found -> found.filter(Connection::active).map(this::target).stream().toList());
  }

  @Override
  public SignatureCheck verify(String secret, byte[] body, Headers headers) {
    return verifier.verify(secret, body, headers);
  }

  @Override
  public Delivery parse(byte[] body, Headers headers) {
    byte[] json = FormFields.isForm(headers.firstOrNull("Content-Type")) ? fromForm(body) : body;
    try {
      JsonNode node = JSON.readTree(json);
      if (node != null && node.isObject()) {
        return new Delivery(node, json);
      }
    } catch (java.io.IOException e) {
      // fall through: the same answer for any unreadable body
    }
    throw ApiException.invalid("malformed_payload", "Malformed payload");
  }

  @Override
  public WebhookDecision decide(Connection c, Delivery delivery, Headers headers) {
    String event = headers.firstOrNull(GitHubSignatureVerifier.EVENT_HEADER);
    if (event == null || event.isBlank()) {
      throw ApiException.invalid("missing_event", "X-GitHub-Event header is missing.");
    }
    if ("ping".equals(event)) {
      return WebhookDecision.answer(WebhookAnswer.pong());
    }
    if (!"issues".equals(event)) {
      return WebhookDecision.ignore("Unhandled event: " + event);
    }
    JsonNode payload = delivery.payload();
    String action = payload.path("action").asText("");
    if (!HANDLED_ACTIONS.contains(action)) {
      return WebhookDecision.ignore("Unhandled action: " + action);
    }
    if (!c.isRepository(payload.path("repository").path("full_name").asText(null))) {
      return WebhookDecision.ignore("Repository is not " + c.fullName());
    }
    String deliveryId = headers.firstOrNull(GitHubSignatureVerifier.DELIVERY_HEADER);
    if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 128) {
      throw ApiException.invalid("missing_delivery_id", "X-GitHub-Delivery header is missing.");
    }
    return new WebhookDecision.Store(
        deliveryId, event, action, deliveryKey(payload, deliveryId), delivery.json());
  }

  // one issue's deliveries apply in arrival order; anything without an issue needs no order
  private static String deliveryKey(JsonNode payload, String deliveryId) {
    String repo = payload.path("repository").path("full_name").asText("");
    int number = payload.path("issue").path("number").asInt(0);
    return repo.isBlank() || number <= 0 ? deliveryId : repo + "#" + number;
  }

  // the current secret, and the one replaced by a rotation while its overlap lasts
  private WebhookTarget<Connection> target(Connection c) {
    return new WebhookTarget<>(c.id().toString(), secrets.webhookCandidates(c, clock.instant()), c);
  }

  private static byte[] fromForm(byte[] body) {
    String payload;
    try {
      payload = FormFields.parse(body).get("payload");
    } catch (IllegalArgumentException e) {
      payload = null;
    }
    if (payload == null) {
      throw ApiException.invalid("malformed_payload", "Form body without a payload field");
    }
    return payload.getBytes(StandardCharsets.UTF_8);
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
