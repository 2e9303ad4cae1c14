package io.timetracker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kafka, PostgreSQL and Keycloak as the services expect them. */
class InfraTest {

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void topicsHaveThePartitionsAndRetentionOfTopicsConf(Rendered r) {
    Map<String, String> expected = new TreeMap<>();
    for (String line : Repo.read(Repo.path("deploy", "local", "topics.conf")).split("\n")) {
      String[] f = line.replaceAll("#.*", "").trim().split("\\s+");
      if (f.length >= 3) {
        expected.put(f[0], f[1] + " partitions, retention.ms " + f[2]);
      }
    }
    Map<String, String> rendered = new TreeMap<>();
    for (KafkaTopic t : r.all(KafkaTopic.class)) {
      String name =
          t.getSpec().getTopicName() != null
              ? t.getSpec().getTopicName()
              : t.getMetadata().getName();
      rendered.put(
          name,
          t.getSpec().getPartitions()
              + " partitions, retention.ms "
              + t.getSpec().getConfig().get("retention.ms"));
    }
    assertThat(expected).as("deploy/local/topics.conf").hasSize(4);
    assertThat(rendered).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void kafkaRunsInKRaftModeAndTopicsFitItsBrokers(Rendered r) {
    Kafka kafka = r.all(Kafka.class).get(0);
    KafkaNodePool pool = r.all(KafkaNodePool.class).get(0);
    assertThat(pool.getMetadata().getLabels())
        .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
    assertThat(pool.getSpec().getRoles()).contains(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
    int brokers = pool.getSpec().getReplicas();
    Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
    assertThat(number(config.get("default.replication.factor"))).isLessThanOrEqualTo(brokers);
    assertThat(number(config.get("offsets.topic.replication.factor"))).isLessThanOrEqualTo(brokers);
    for (KafkaTopic t : r.all(KafkaTopic.class)) {
      assertThat(t.getMetadata().getLabels())
          .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
      assertThat(t.getSpec().getReplicas())
          .as(t.getMetadata().getName())
          .isLessThanOrEqualTo(brokers);
      int minIsr = number(t.getSpec().getConfig().get("min.insync.replicas"));
      // a topic keeps accepting writes with one broker down, where there is more than one
      assertThat(minIsr).isEqualTo(Math.max(1, t.getSpec().getReplicas() - 1));
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void servicesUseTheKafkaBootstrapServiceStrimziCreates(Rendered r) {
    Kafka kafka = r.all(Kafka.class).get(0);
    var listener = kafka.getSpec().getKafka().getListeners().get(0);
    String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort();
    assertThat(r.all(ConfigMap.class))
        .filteredOn(cm -> cm.getData().containsKey("KAFKA_BOOTSTRAP_SERVERS"))
        .isNotEmpty()
        .allSatisfy(
            cm -> assertThat(cm.getData()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap));
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyServiceDatabaseHasItsRoleDatabaseAndAccountSecret(Rendered r) {
    CnpgCluster cluster = r.all(CnpgCluster.class).get(0);
    for (Deployment d : r.deployments()) {
      var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      var configRef =
          container.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null).findFirst();
      Map<String, String> config =
          configRef
              .flatMap(e -> r.configMap(e.getConfigMapRef().getName()))
              .map(ConfigMap::getData)
              .orElse(Map.of());
      String db = config.getOrDefault("DB_NAME", config.get("KC_DB_URL_DATABASE"));
      if (db == null) {
        continue;
      }
      String host = config.getOrDefault("DB_HOST", config.get("KC_DB_URL_HOST"));
      assertThat(host)
          .as(d.getMetadata().getName())
          .isEqualTo(cluster.metadata().getName() + "-rw");
      assertThat(r.all(CnpgDatabase.class))
          .as(r + ": database " + db)
          .anySatisfy(
              x -> {
                assertThat(x.spec().name()).isEqualTo(db);
                assertThat(x.spec().cluster().name()).isEqualTo(cluster.metadata().getName());
              });
      String owner =
          r.all(CnpgDatabase.class).stream()
              .filter(x -> x.spec().name().equals(db))
              .findFirst()
              .orElseThrow()
              .spec()
              .owner();
      String accountSecret =
          container.getEnv().stream()
              .filter(e -> e.getName().endsWith("_PASSWORD") && e.getValueFrom() != null)
              .map(EnvVar::getValueFrom)
              .map(v -> v.getSecretKeyRef().getName())
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          d.getMetadata().getName() + ": no database password from a Secret"));
      assertThat(cluster.spec().managed().roles())
          .as(r + ": managed role " + owner)
          .anySatisfy(
              role -> {
                assertThat(role.name()).isEqualTo(owner);
                assertThat(role.passwordSecret().name()).isEqualTo(accountSecret);
              });
      assertThat(Overlays.secretTemplate(accountSecret).getStringData())
          .containsEntry("username", owner);
    }
  }

  @Test
  void realmImportIsTheLocalRealmWithoutItsDemoUsers() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode local =
        (ObjectNode)
            json.readTree(
                Repo.read(Repo.path("deploy", "local", "keycloak", "timetracker-realm.json")));
    local.remove("users");
    local.put("displayName", "TimeTracker");
    JsonNode imported =
        json.readTree(
            Repo.read(Repo.path("deploy", "k8s", "infra", "keycloak", "timetracker-realm.json")));
    assertThat(imported)
        .as(
            "deploy/k8s/infra/keycloak/timetracker-realm.json is out of date: run deploy/k8s/infra/keycloak/sync-realm.sh")
        .isEqualTo(local);
    assertThat(imported.has("users")).isFalse();
  }

  @Test
  void everyRealmPlaceholderIsAKeyOfKeycloaksSecret() {
    String realm =
        Repo.read(Repo.path("deploy", "k8s", "infra", "keycloak", "timetracker-realm.json"));
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(realm);
    var keys = Overlays.secretKeys(Overlays.secretTemplate("keycloak"));
    int found = 0;
    while (m.find()) {
      assertThat(keys).as("Secret keycloak").contains(m.group(1));
      found++;
    }
    assertThat(found).isPositive();
  }

  private static int number(Object value) {
    return Integer.parseInt(String.valueOf(value));
  }
}
