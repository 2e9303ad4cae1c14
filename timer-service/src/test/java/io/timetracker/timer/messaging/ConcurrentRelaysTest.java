package io.timetracker.timer.messaging;

import static io.timetracker.timer.messaging.TopicWatcher.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.testsupport.InProcessKafkaResource;
import io.timetracker.timer.config.OutboxConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Two relays (as two replicas would run them, each with its own producer) over one outbox while
 * rows keep being committed: every row is published exactly once, each key's rows in id order.
 */
@QuarkusTest
class ConcurrentRelaysTest {
  private static final Logger LOG = Logger.getLogger(ConcurrentRelaysTest.class);
  private static final int ROWS = 2000;
  private static final int ROWS_PER_TRANSACTION = 20;
  private static final int KEYS = 40;
  private static final String INSERT =
      """
      INSERT INTO outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                          payload)
      SELECT gen_random_uuid(), $1, 'load-' || (g % $4::int), 'test.load.v1', '/test', 'load/' || g,
             now(), jsonb_build_object('n', g)
      FROM generate_series($2::int, $3::int) AS g
      """;

  @Inject Pool pool;
  @Inject OutboxRelay relay;
  @Inject OutboxConfig config;

  @Test
  void twoRelaysPublishEveryRowOnceAndEachKeyInOrder() throws Exception {
    String topic = "test.outbox-load." + System.nanoTime();
    InProcessKafkaResource.createTopics(Map.of(topic, 6));
    OutboxDatabase db = new OutboxDatabase(pool);
    Map<String, Object> kafka =
        Map.of("bootstrap.servers", InProcessKafkaResource.bootstrapServers());
    relay.pause(); // only the two relays below publish during the test
    try (Producer<String, byte[]> producerA = OutboxProducer.create(kafka, config, "relay-a");
        Producer<String, byte[]> producerB = OutboxProducer.create(kafka, config, "relay-b")) {
      AtomicBoolean loading = new AtomicBoolean(true);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      Future<Integer> relayA =
          threads.submit(() -> run(db.dispatcher(producerA), loading, db, topic));
      Future<Integer> relayB =
          threads.submit(() -> run(db.dispatcher(producerB), loading, db, topic));
      threads.shutdown();

      for (int first = 0; first < ROWS; first += ROWS_PER_TRANSACTION) {
        db.execute(INSERT, Tuple.of(topic, first, first + ROWS_PER_TRANSACTION - 1, KEYS));
      }
      loading.set(false);
      int publishedByA = relayA.get(2, TimeUnit.MINUTES);
      int publishedByB = relayB.get(2, TimeUnit.MINUTES);

      LOG.infof("two relays published %d + %d rows", publishedByA, publishedByB);
      assertThat(publishedByA + publishedByB).isEqualTo(ROWS);
      assertThat(publishedByA).as("rows published by relay A").isPositive();
      assertThat(publishedByB).as("rows published by relay B").isPositive();
      assertThat(db.publishedMoreThanOnce(topic)).isZero();
    } finally {
      relay.resume();
    }

    try (TopicWatcher log = TopicWatcher.fromBeginning(topic)) {
      List<ConsumerRecord<String, byte[]>> records =
          log.await(r -> true, ROWS, Duration.ofSeconds(60));
      assertThat(log.writtenSinceStart()).isEqualTo(ROWS);
      assertThat(records.stream().map(r -> header(r, CloudEventHeaders.ID)).distinct())
          .hasSize(ROWS);
      assertThat(idsPerKey(records)).isEqualTo(idsPerKeyInOutboxOrder(db, topic));
    }
  }

  /** Dispatches until loading ended and the topic's rows are all published; answers its count. */
  private static int run(
      OutboxDispatcher dispatcher, AtomicBoolean loading, OutboxDatabase db, String topic) {
    int published = 0;
    while (loading.get() || db.count(pendingOf(), Tuple.of(topic)) > 0) {
      OutboxDispatcher.Result result = dispatcher.dispatchOnce();
      assertThat(result.error()).as("publish error").isNull();
      published += result.published();
    }
    return published;
  }

  private static String pendingOf() {
    return "SELECT count(*) FROM outbox WHERE published_at IS NULL AND topic = $1";
  }

  private static Map<String, List<String>> idsPerKey(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream()
        .collect(
            Collectors.groupingBy(
                ConsumerRecord::key,
                LinkedHashMap::new,
                Collectors.mapping(r -> header(r, CloudEventHeaders.ID), Collectors.toList())));
  }

  private static Map<String, List<String>> idsPerKeyInOutboxOrder(OutboxDatabase db, String topic) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String[] row : db.keysAndIdsInOrder(topic)) {
      out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
    }
    return out;
  }
}
