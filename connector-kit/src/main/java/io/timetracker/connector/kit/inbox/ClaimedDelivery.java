package io.timetracker.connector.kit.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A delivery claimed for processing; hand it back to {@link Inbox#markDone} or {@link
 * Inbox#markFailed}.
 *
 * @param id row id
 * @param provider provider name
 * @param deliveryId the provider's delivery id
 * @param connectionId the connection, or {@code null}
 * @param event event name
 * @param action action, or {@code null}
 * @param payload the raw body as received
 * @param headers the whitelisted headers, names in lower case
 * @param attempt this attempt's number, 1 for the first; also the claim's fencing token
 * @param receivedAt when it arrived
 * @param deliveryKey the ordering key, or {@code null}
 */
public record ClaimedDelivery(
    UUID id,
    String provider,
    String deliveryId,
    String connectionId,
    String event,
    String action,
    byte[] payload,
    Map<String, String> headers,
    int attempt,
    Instant receivedAt,
    String deliveryKey) {}
