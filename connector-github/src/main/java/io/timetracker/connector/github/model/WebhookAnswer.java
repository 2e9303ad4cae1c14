package io.timetracker.connector.github.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the webhook answers GitHub (shown in the repository's "Recent Deliveries").
 *
 * @param ok always true (errors are problem+json)
 * @param status {@code received}, {@code duplicate}, {@code ignored} or {@code pong}
 * @param message human-readable
 * @param deliveryId GitHub's delivery id, when stored
 */
@Schema(name = "GithubWebhookAnswer")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(boolean ok, String status, String message, String deliveryId) {

  /** Answer to {@code ping}. */
  public static WebhookAnswer pong() {
    return new WebhookAnswer(true, "pong", "Webhook received", null);
  }

  /** Stored for processing. */
  public static WebhookAnswer received(String deliveryId) {
    return new WebhookAnswer(true, "received", "Queued for processing", deliveryId);
  }

  /** Already stored earlier; nothing changed. */
  public static WebhookAnswer duplicate(String deliveryId) {
    return new WebhookAnswer(true, "duplicate", "Already received", deliveryId);
  }

  /** Verified, but nothing this connector acts on. */
  public static WebhookAnswer ignored(String why) {
    return new WebhookAnswer(true, "ignored", why, null);
  }
}
