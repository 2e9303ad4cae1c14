package io.timetracker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One overlay as {@code kubectl kustomize} renders it, every object parsed strictly into its typed
 * model (fabric8 for Kubernetes kinds, Strimzi for Kafka kinds, {@link CnpgCluster} and {@link
 * CnpgDatabase} for CloudNativePG). A kind without a model fails the render.
 */
final class Rendered {

  static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
          Map.entry("postgresql.cnpg.io/v1/Cluster", CnpgCluster.class),
          Map.entry("postgresql.cnpg.io/v1/Database", CnpgDatabase.class));

  private final String overlay;
  private final List<Object> objects;

  private Rendered(String overlay, List<Object> objects) {
    this.overlay = overlay;
    this.objects = objects;
  }

  /** Renders {@code deploy/k8s/overlays/<overlay>} and parses every object. */
  static Rendered overlay(String overlay) {
    return parse(overlay, Kustomize.build(Repo.path("deploy", "k8s", "overlays", overlay)));
  }

  static Rendered parse(String source, String yaml) {
    List<Object> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        StrictYaml.mapper().readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<?> model = MODELS.get(type);
        if (model == null) {
          throw new IllegalStateException(
              source + ": no typed model for " + type + " " + doc.path("metadata").path("name"));
        }
        objects.add(parseAs(source, doc, model));
      }
    } catch (IOException e) {
      throw new IllegalStateException(source + ": not YAML: " + e.getMessage(), e);
    }
    return new Rendered(source, List.copyOf(objects));
  }

  private static Object parseAs(String source, JsonNode doc, Class<?> model) {
    try {
      return StrictYaml.mapper().treeToValue(doc, model);
    } catch (IOException e) {
      throw new IllegalStateException(
          source
              + ": "
              + model.getSimpleName()
              + " "
              + doc.path("metadata").path("name").asText()
              + " does not fit its model: "
              + e.getMessage(),
          e);
    }
  }

  String overlay() {
    return overlay;
  }

  List<Object> all() {
    return objects;
  }

  <T> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<Deployment> deployments() {
    return all(Deployment.class);
  }

  Optional<Deployment> deployment(String name) {
    return deployments().stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
  }

  Optional<ConfigMap> configMap(String name) {
    return all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst();
  }

  Optional<Service> service(String name) {
    return all(Service.class).stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst();
  }

  @Override
  public String toString() {
    return overlay;
  }
}
