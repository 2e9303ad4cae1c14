package io.timetracker.connector.kit.events;

/**
 * A record claims a type this consumer knows but cannot be read: no {@code ce_id}, no payload, not
 * JSON, a required property missing or of the wrong type. Retrying cannot help, so a consumer lets
 * it fail the message and SmallRye's {@code failure-strategy=dead-letter-queue} moves the record to
 * {@code <topic>.dlq} (see {@code io.timetracker.contracts.consumer.DeadLetters}).
 */
public class MalformedEventException extends RuntimeException {
  private final String type;
  private final String eventId;

  public MalformedEventException(String type, String eventId, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
    this.eventId = eventId;
  }

  /** The {@code ce_type} the record claimed. */
  public String type() {
    return type;
  }

  /** The {@code ce_id} of the record, or null when it had none. */
  public String eventId() {
    return eventId;
  }
}
