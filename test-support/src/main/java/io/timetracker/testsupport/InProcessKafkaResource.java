package io.timetracker.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Starts a real single-node KRaft Kafka broker (combined broker and controller) inside the test
 * JVM. One broker serves every application start of the JVM.
 */
public class InProcessKafkaResource implements QuarkusTestResourceLifecycleManager {

  private static KafkaClusterTestKit cluster;

  /** Returns the shared cluster, starting it on first use. */
  public static synchronized KafkaClusterTestKit cluster() {
    if (cluster == null) {
      try {
        KafkaClusterTestKit kit =
            new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        cluster = kit;
      } catch (Exception e) {
        throw new IllegalStateException("could not start in-process Kafka", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(InProcessKafkaResource::closeQuietly));
    }
    return cluster;
  }

  /** Bootstrap servers of the shared broker. */
  public static String bootstrapServers() {
    return cluster().bootstrapServers();
  }

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", bootstrapServers());
  }

  @Override
  public void stop() {
    // the broker outlives one application start; the JVM shutdown hook closes it
  }

  private static synchronized void closeQuietly() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception ignored) {
      // the JVM is exiting
    }
  }
}
