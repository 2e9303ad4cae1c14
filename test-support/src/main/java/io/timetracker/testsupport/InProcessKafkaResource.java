package io.timetracker.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * Starts a real single-node KRaft Kafka broker (combined broker and controller) inside the test
 * JVM. One broker serves every application start of the JVM. The suite's topics ({@link
 * #SUITE_TOPICS}) are created on start, as the local stack does; the broker never creates topics by
 * itself.
 */
public class InProcessKafkaResource implements QuarkusTestResourceLifecycleManager {

  /**
   * The suite's topics and their partition counts: the same as {@code deploy/local/topics.conf}
   * (timer-service has a test that keeps the two equal).
   */
  public static final Map<String, Integer> SUITE_TOPICS =
      Map.of(
          "tt.time-entries.v1", 6,
          "tt.tasks.v1", 3,
          "tt.time-entries.v1.dlq", 1,
          "tt.tasks.v1.dlq", 1);

  private static KafkaClusterTestKit cluster;

  /** What Kafka's test kit wanted to run at JVM exit: deleting its directories, after the close. */
  private static final List<Runnable> AFTER_CLOSE = new CopyOnWriteArrayList<>();

  /** Returns the shared cluster, starting it on first use. */
  public static synchronized KafkaClusterTestKit cluster() {
    if (cluster == null) {
      keepKafkaFromEndingTheJvm();
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

  /**
   * Creates the topics (name → partitions, replication factor 1) that do not exist yet and waits
   * until the broker has them.
   */
  public static void createTopics(Map<String, Integer> topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.entrySet().stream()
              .filter(t -> !existing.contains(t.getKey()))
              .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + topics.keySet(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Sets (or, with a null value, removes) one dynamic config of a topic, e.g. {@code
   * max.message.bytes}, and waits until the broker reports it: a test can then make the broker
   * refuse records it would otherwise accept. Undo it in a {@code finally} block — the broker is
   * shared by every test of the JVM.
   */
  public static void setTopicConfig(String topic, String key, String value) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    AlterConfigOp op =
        value == null
            ? new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)
            : new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!applied(admin, resource, key, value)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " " + key + " not applied within 30 s");
        }
        Thread.onSpinWait();
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not change " + key + " of " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while changing a topic config", e);
    }
  }

  private static boolean applied(Admin admin, ConfigResource topic, String key, String value)
      throws ExecutionException, InterruptedException, TimeoutException {
    ConfigEntry entry =
        admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic).get(key);
    boolean dynamic = entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
    return value == null ? !dynamic : dynamic && value.equals(entry.value());
  }

  /**
   * Shuts the broker down (the controller keeps running): clients see Kafka as unavailable until
   * {@link #startBroker()}.
   */
  public static synchronized void stopBroker() {
    cluster().brokers().values().forEach(b -> b.shutdown());
  }

  /**
   * Starts the broker again on the same port and log directories and waits until it is ready;
   * clients reconnect to the address they already know.
   */
  public static synchronized void startBroker() {
    cluster().brokers().values().forEach(b -> b.startup());
    try {
      cluster().waitForReadyBrokers();
    } catch (ExecutionException e) {
      throw new IllegalStateException("broker did not become ready", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while restarting the broker", e);
    }
  }

  @Override
  public Map<String, String> start() {
    createTopics(SUITE_TOPICS);
    return Map.of("kafka.bootstrap.servers", bootstrapServers());
  }

  @Override
  public void stop() {
    // the broker outlives one application start; the JVM shutdown hook closes it
  }

  /**
   * The test kit registers a JVM shutdown hook per temporary directory that deletes it. JVM hooks
   * run concurrently, so the directories could vanish under the still running broker; the broker
   * then saw its log directories fail and halted the JVM with status 1 after every test had passed
   * (surefire: "Error occurred in starting fork"). Those deletions now run after the broker is
   * closed, and a halt or exit the broker asks for is logged instead of ending the test JVM.
   */
  private static void keepKafkaFromEndingTheJvm() {
    Exit.setShutdownHookAdder((name, hook) -> AFTER_CLOSE.add(hook));
    Exit.Procedure refuse =
        (status, message) ->
            System.err.printf(
                "in-process Kafka asked to end the JVM (status %d: %s); not done in tests%n",
                status, message);
    Exit.setHaltProcedure(refuse);
    Exit.setExitProcedure(refuse);
  }

  private static synchronized void closeQuietly() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception ignored) {
      // the JVM is exiting
    }
    for (Runnable hook : AFTER_CLOSE) {
      try {
        hook.run();
      } catch (RuntimeException ignored) {
        // a directory left behind in the temporary folder
      }
    }
  }
}
