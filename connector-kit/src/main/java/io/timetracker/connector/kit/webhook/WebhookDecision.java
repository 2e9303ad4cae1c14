package io.timetracker.connector.kit.webhook;

/**
 * A provider's verdict on a verified, parsed delivery: {@link Answer} it now (ping, ignored) or
 * {@link Store} it in the inbox for processing.
 */
public sealed interface WebhookDecision {

  /** Answer without storing. */
  static WebhookDecision answer(WebhookAnswer answer) {
    return new Answer(answer);
  }

  /**
   * Verified and understood, but nothing this connector acts on.
   *
   * @param why shown to the sender (e.g. in GitHub's "Recent Deliveries")
   */
  static WebhookDecision ignore(String why) {
    return new Answer(WebhookAnswer.ignored(why));
  }

  /**
   * Answer without storing.
   *
   * @param answer the answer
   */
  record Answer(WebhookAnswer answer) implements WebhookDecision {}

  /**
   * Store in the inbox once (deduplicated on the delivery id per connection).
   *
   * @param deliveryId the provider's delivery id
   * @param event event name
   * @param action action, or {@code null}
   * @param deliveryKey ordering key, or {@code null}: deliveries with one key are processed in
   *     order
   * @param payload the bytes to store: what the processor parses later (e.g. the JSON itself)
   */
  record Store(String deliveryId, String event, String action, String deliveryKey, byte[] payload)
      implements WebhookDecision {}
}
