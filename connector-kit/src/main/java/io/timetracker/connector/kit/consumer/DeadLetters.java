package io.timetracker.connector.kit.consumer;

import io.timetracker.contracts.event.EventTypes;

/**
 * The dead-letter convention: a record a consumer cannot process (e.g. {@link
 * io.timetracker.contracts.event.MalformedEventException}) goes to {@code <topic>.dlq}, through
 * SmallRye's dead-letter-queue failure strategy. A connector's incoming channel:
 *
 * <pre>
 * mp.messaging.incoming.time-entry-events-in.connector=smallrye-kafka
 * mp.messaging.incoming.time-entry-events-in.topic=tt.time-entries.v1
 * mp.messaging.incoming.time-entry-events-in.group.id=connector-slack
 * mp.messaging.incoming.time-entry-events-in.value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer
 * mp.messaging.incoming.time-entry-events-in.failure-strategy=dead-letter-queue
 * mp.messaging.incoming.time-entry-events-in.dead-letter-queue.topic=tt.time-entries.v1.dlq
 * </pre>
 *
 * The dead-letter producer mirrors the channel's deserializers, so the DLQ record keeps key, value
 * and CloudEvents headers byte for byte, and SmallRye adds {@code dead-letter-reason}, {@code
 * dead-letter-cause}, {@code dead-letter-exception-class-name}, {@code dead-letter-topic}, {@code
 * dead-letter-partition} and {@code dead-letter-offset}. Only the poison record is parked; the
 * partition moves on. Without {@code dead-letter-queue.topic} SmallRye would write to {@code
 * dead-letter-topic-<channel>}, which no one creates: always set it.
 */
public final class DeadLetters {
  /** Dead letters of {@link EventTypes#TIME_ENTRIES_TOPIC}. */
  public static final String TIME_ENTRIES_DLQ =
      EventTypes.TIME_ENTRIES_TOPIC + EventTypes.DLQ_SUFFIX;

  /** Dead letters of {@link EventTypes#TASKS_TOPIC}. */
  public static final String TASKS_DLQ = EventTypes.TASKS_TOPIC + EventTypes.DLQ_SUFFIX;

  private DeadLetters() {}

  /** The dead-letter topic of a topic: {@code <topic>.dlq}. */
  public static String of(String topic) {
    return topic + EventTypes.DLQ_SUFFIX;
  }
}
