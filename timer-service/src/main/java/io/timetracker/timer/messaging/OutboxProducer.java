package io.timetracker.timer.messaging;

import io.timetracker.timer.config.OutboxConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds the relay's Kafka producer from the application's {@code kafka.*} settings. */
public final class OutboxProducer {
  private OutboxProducer() {}

  /**
   * An idempotent producer that waits for all in-sync replicas: with at most 5 requests in flight
   * per connection it keeps each partition in send order and never writes a retried batch twice.
   * Sends are retried until {@code timer.outbox.delivery-timeout}.
   */
  public static Producer<String, byte[]> create(
      Map<String, Object> kafka, OutboxConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
  }
}
