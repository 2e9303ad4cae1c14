package io.timetracker.connector.kit.events;

import io.timetracker.contracts.event.CoreEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * One event as a consumer sees it: the CloudEvents envelope read from the Kafka headers, the record
 * key and the typed payload.
 *
 * @param id {@code ce_id}; the key to deduplicate on (replays keep it)
 * @param type {@code ce_type}, e.g. {@code timetracker.time-entry.started.v1}
 * @param source {@code ce_source}
 * @param subject {@code ce_subject}, or null when the producer sent none
 * @param time {@code ce_time}, or null when the producer sent none
 * @param key the Kafka record key: the user id for time entries, the project id for tasks
 * @param traceparent W3C trace context of the request that caused the change, or null
 * @param payload the payload read into its record
 */
public record ReadEvent(
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String key,
    String traceparent,
    CoreEvent payload) {

  /** The payload if it is of the given record type, e.g. {@code payload(TaskCreated.class)}. */
  public <T extends CoreEvent> Optional<T> payload(Class<T> expected) {
    return expected.isInstance(payload) ? Optional.of(expected.cast(payload)) : Optional.empty();
  }
}
