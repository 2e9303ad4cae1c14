package io.timetracker.connector.kit.webhook;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.connector.kit.inbox.IncomingDelivery;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.signature.Headers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The webhook pipeline every connector shares: (body already capped by {@link WebhookBodyLimit})
 * targets and secrets from the provider, the signature checked against every candidate secret on
 * the raw bytes, then — only then — one parse, the provider's decision, and the inbox store once. A
 * failed lookup (database down) is a failure, never "no match": it answers 503, not 401.
 */
@ApplicationScoped
public class WebhookIntake {

  private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

  private final Inbox inbox;

  /** The inbox deliveries are stored in. */
  public WebhookIntake(Inbox inbox) {
    this.inbox = inbox;
  }

  /**
   * Receives one delivery.
   *
   * @param connectionId the id from the URL, or {@code null}
   * @param body the raw body, as signed
   */
  public <C, E> Uni<WebhookAnswer> receive(
      WebhookProvider<C, E> provider, String connectionId, byte[] body, Headers headers) {
    return verify(provider, connectionId, body, headers)
        .chain(v -> accept(provider, v.target(), v.delivery(), headers));
  }

  /**
   * The same cap, lookup, signature check and one parse as {@link #receive}, without a decision or
   * a store: for requests the connector answers itself (a chat command's reply, a URL
   * verification's challenge).
   *
   * @param connectionId the id from the URL, or {@code null}
   * @param body the raw body, as signed
   */
  public <C, E> Uni<Verified<C, E>> verify(
      WebhookProvider<C, E> provider, String connectionId, byte[] body, Headers headers) {
    if (body.length > provider.maxBodyBytes()) {
      return Uni.createFrom().failure(WebhookBodyLimit.tooLarge(provider.maxBodyBytes()));
    }
    return provider
        .targets(connectionId, headers)
        .map(targets -> verified(provider, targets, body, headers))
        .map(target -> new Verified<>(target, provider.parse(body, headers)));
  }

  /**
   * A request whose signature held, parsed once.
   *
   * @param target the connection whose secret verified it
   * @param delivery the parsed body
   * @param <C> the connector's connection type
   * @param <E> the parsed delivery
   */
  public record Verified<C, E>(WebhookTarget<C> target, E delivery) {}

  private static <C> WebhookTarget<C> verified(
      WebhookProvider<C, ?> provider, List<WebhookTarget<C>> targets, byte[] body, Headers h) {
    for (WebhookTarget<C> target : targets) {
      for (String secret : target.secrets()) {
        if (provider.verify(secret, body, h).valid()) {
          return target;
        }
      }
    }
    LOG.warnf(
        "%s webhook rejected: no matching secret among %d candidate connection(s)",
        provider.name(), targets.size());
    throw new ApiException(
        401, "invalid_signature", "No matching " + provider.displayName() + " integration");
  }

  private <C, E> Uni<WebhookAnswer> accept(
      WebhookProvider<C, E> provider, WebhookTarget<C> target, E parsed, Headers headers) {
    WebhookDecision decision = provider.decide(target.connection(), parsed, headers);
    if (decision instanceof WebhookDecision.Answer answer) {
      return Uni.createFrom().item(answer.answer());
    }
    WebhookDecision.Store store = (WebhookDecision.Store) decision;
    IncomingDelivery delivery =
        new IncomingDelivery(
            provider.name(),
            store.deliveryId(),
            target.id(),
            store.event(),
            store.action(),
            store.payload(),
            headers,
            store.deliveryKey());
    return inbox
        .store(delivery)
        .map(
            stored ->
                stored.duplicate()
                    ? WebhookAnswer.duplicate(store.deliveryId())
                    : WebhookAnswer.received(store.deliveryId()));
  }
}
