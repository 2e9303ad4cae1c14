package io.timetracker.connector.kit.inbox;

import io.timetracker.connector.kit.signature.Headers;
import java.util.Objects;

/**
 * A verified webhook delivery to store. Verify the signature on the raw bytes first; store those
 * same bytes.
 *
 * @param provider {@code github}, {@code slack}, ...
 * @param deliveryId the provider's unique delivery id ({@code X-GitHub-Delivery}, Slack {@code
 *     event_id}), the dedupe key together with the provider
 * @param connectionId the connection it was verified for, or {@code null}
 * @param event the provider's event name ({@code issues}, {@code event_callback}, ...)
 * @param action the event's action ({@code opened}, ...), or {@code null}
 * @param payload the raw body
 * @param headers the request headers; only whitelisted ones are stored
 * @param deliveryKey the ordering key, or {@code null} for none: deliveries with the same key are
 *     processed one at a time in arrival order (GitHub: {@code owner/repo#number} of the issue)
 */
public record IncomingDelivery(
    String provider,
    String deliveryId,
    String connectionId,
    String event,
    String action,
    byte[] payload,
    Headers headers,
    String deliveryKey) {

  /** Rejects what the table cannot hold, before it reaches the database. */
  public IncomingDelivery {
    requireText(provider, "provider", 32);
    requireText(deliveryId, "deliveryId", 128);
    requireText(event, "event", 64);
    if (connectionId != null) {
      requireText(connectionId, "connectionId", 64);
    }
    if (action != null && action.length() > 64) {
      throw new IllegalArgumentException("action longer than 64 characters");
    }
    Objects.requireNonNull(payload, "payload");
    headers = headers == null ? Headers.empty() : headers;
    if (deliveryKey != null) {
      requireText(deliveryKey, "deliveryKey", 256);
    }
  }

  /** Without an ordering key. */
  public IncomingDelivery(
      String provider,
      String deliveryId,
      String connectionId,
      String event,
      String action,
      byte[] payload,
      Headers headers) {
    this(provider, deliveryId, connectionId, event, action, payload, headers, null);
  }

  private static void requireText(String value, String name, int max) {
    if (value == null || value.isBlank() || value.length() > max) {
      throw new IllegalArgumentException(name + " must be 1 to " + max + " characters");
    }
  }
}
