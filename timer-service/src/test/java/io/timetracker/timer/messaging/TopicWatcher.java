package io.timetracker.timer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.testsupport.InProcessKafkaResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic with a plain consumer (all partitions assigned, no group, nothing committed),
 * from the end offsets at creation or from the beginning.
 */
final class TopicWatcher implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> startOffsets;
  private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

  private TopicWatcher(String topic, boolean fromEnd) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                InProcessKafkaResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                1000),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    if (fromEnd) {
      consumer.seekToEnd(partitions);
    } else {
      consumer.seekToBeginning(partitions);
    }
    // resolve the positions now, before the test acts
    startOffsets =
        partitions.stream()
            .collect(
                Collectors.toMap(tp -> tp, tp -> consumer.position(tp, Duration.ofSeconds(30))));
  }

  /** Records written to the topic after this call. */
  static TopicWatcher fromNow(String topic) {
    return new TopicWatcher(topic, true);
  }

  /** Every record of the topic. */
  static TopicWatcher fromBeginning(String topic) {
    return new TopicWatcher(topic, false);
  }

  /**
   * Polls until {@code count} records matching {@code filter} arrived (fails after {@code
   * timeout}); answers all matching records received so far, in arrival order.
   */
  List<ConsumerRecord<String, byte[]>> await(
      Predicate<ConsumerRecord<String, byte[]>> filter, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (matching(filter).size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(received::add);
    }
    List<ConsumerRecord<String, byte[]>> matching = matching(filter);
    assertThat(matching)
        .as("records received within %s", timeout)
        .hasSizeGreaterThanOrEqualTo(count);
    return matching;
  }

  /**
   * Polls until a record matching {@code last} arrived; answers the records matching {@code filter}
   * up to and including it.
   */
  List<ConsumerRecord<String, byte[]>> awaitUpTo(
      Predicate<ConsumerRecord<String, byte[]>> filter,
      Predicate<ConsumerRecord<String, byte[]>> last,
      Duration timeout) {
    await(filter.and(last), 1, timeout);
    List<ConsumerRecord<String, byte[]>> upTo = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : matching(filter)) {
      upTo.add(r);
      if (last.test(r)) {
        break;
      }
    }
    return upTo;
  }

  /** How many records the topic received since this watcher started, by end offsets. */
  long writtenSinceStart() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    return partitions.stream().mapToLong(tp -> end.get(tp) - startOffsets.get(tp)).sum();
  }

  private List<ConsumerRecord<String, byte[]>> matching(
      Predicate<ConsumerRecord<String, byte[]>> filter) {
    return received.stream().filter(filter).toList();
  }

  /** A header's value as text, or null. */
  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** The payload as text. */
  static String value(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
