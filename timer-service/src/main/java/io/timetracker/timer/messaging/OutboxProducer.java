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
   * An idempotent producer that waits for all in-sync replicas and has one request in flight per
   * connection: it keeps each partition in send order and never writes a retried batch twice. Sends
   * are retried until {@code timer.outbox.delivery-timeout}.
   *
   * <p>One request in flight, not the five idempotence allows: after a broker restart, five in
   * flight let a partition's batches be refused out of order ({@code NOT_LEADER_OR_FOLLOWER} for
   * the first, {@code OUT_OF_ORDER_SEQUENCE_NUMBER} for the next), and the producer then retried a
   * batch the broker had written until the delivery timeout expired it; the relay had to send those
   * rows again, and they reached Kafka twice ({@code BrokerOutageTest}). The relay batches up to
   * {@code timer.outbox.batch-size} rows into each request, so one in flight costs it little.
   */
  public static Producer<String, byte[]> create(
      Map<String, Object> kafka, OutboxConfig config, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
  }
}
