package io.timetracker.connector.kit.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What a webhook answers its sender (GitHub shows it in "Recent Deliveries"); errors are
 * problem+json instead.
 *
 * @param ok always true
 * @param status {@code received}, {@code duplicate}, {@code ignored} or {@code pong}
 * @param message human-readable
 * @param deliveryId the provider's delivery id, when stored
 */
@Schema(name = "WebhookAnswer")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(boolean ok, String status, String message, String deliveryId) {

  /** Answer to a ping. */
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

  /** Verified, but nothing the connector acts on. */
  public static WebhookAnswer ignored(String why) {
    return new WebhookAnswer(true, "ignored", why, null);
  }

  /** 200 for a ping, 202 for everything accepted. */
  public RestResponse<WebhookAnswer> response() {
    return RestResponse.status(
        "pong".equals(status) ? RestResponse.Status.OK : RestResponse.Status.ACCEPTED, this);
  }
}
