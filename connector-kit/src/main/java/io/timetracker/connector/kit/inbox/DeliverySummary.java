package io.timetracker.connector.kit.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a connection's delivery log (no payload, no headers).
 *
 * @param id row id, for redeliver
 * @param provider provider name
 * @param deliveryId the provider's delivery id
 * @param event event name
 * @param action action, or {@code null}
 * @param receivedAt when it arrived
 * @param status where it is
 * @param attempts processing attempts so far
 * @param lastError the last failure, masked, or {@code null}
 * @param nextAttemptAt when it is retried, or {@code null}
 * @param processedAt when it was processed, or {@code null}
 */
public record DeliverySummary(
    UUID id,
    String provider,
    String deliveryId,
    String event,
    String action,
    Instant receivedAt,
    DeliveryStatus status,
    int attempts,
    String lastError,
    Instant nextAttemptAt,
    Instant processedAt) {}
