package io.timetracker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders, and every rendered object fits its typed model exactly. */
class RenderTest {

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyObjectOfTheOverlayParsesIntoItsTypedModel(Rendered r) {
    assertThat(r.all()).isNotEmpty();
    assertThat(r.all())
        .extracting(o -> o.getClass().getSimpleName())
        .contains(
            "Deployment",
            "Service",
            "ConfigMap",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "Ingress",
            "Kafka",
            "KafkaNodePool",
            "KafkaTopic",
            "CnpgCluster",
            "CnpgDatabase");
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyObjectLandsInTheOverlaysNamespace(Rendered r) {
    String namespace = Overlays.NAMESPACES.get(r.overlay());
    assertThat(r.all())
        .allSatisfy(
            o ->
                assertThat(metadata(o).getNamespace())
                    .as("namespace of %s %s", o.getClass().getSimpleName(), metadata(o).getName())
                    .isEqualTo(namespace));
  }

  @Test
  void aMisspeltFieldFailsTheParse() {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: typo
        spec:
          replica: 2
        """;
    assertThatThrownBy(() -> Rendered.parse("typo.yaml", yaml))
        .hasMessageContaining("Deployment typo does not fit its model")
        .hasMessageContaining("replica");
  }

  @Test
  void aMisplacedStrimziFieldFailsTheParse() {
    String yaml =
        """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaTopic
        metadata:
          name: tt.tasks.v1
        spec:
          partitions: 3
          retention.ms: 1000
        """;
    assertThatThrownBy(() -> Rendered.parse("topic.yaml", yaml))
        .hasMessageContaining("KafkaTopic tt.tasks.v1 does not fit its model")
        .hasMessageContaining("retention.ms");
  }

  @Test
  void aKindWithoutModelFailsTheRender() {
    String yaml =
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w
        """;
    assertThatThrownBy(() -> Rendered.parse("widget.yaml", yaml))
        .hasMessageContaining("no typed model for example.com/v1/Widget");
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void strimziObjectsKeepEveryFieldTheyWereGiven(Rendered r) {
    // the typed model holds everything: the KRaft cluster's listener and the topics' config
    Kafka kafka = r.all(Kafka.class).get(0);
    assertThat(kafka.getSpec().getKafka().getListeners()).hasSize(1);
    assertThat(kafka.getSpec().getKafka().getConfig())
        .containsEntry("auto.create.topics.enable", false);
    assertThat(r.all(KafkaTopic.class))
        .allSatisfy(t -> assertThat(t.getSpec().getConfig()).containsKey("retention.ms"));
  }

  private static ObjectMeta metadata(Object o) {
    if (o instanceof HasMetadata m) {
      return m.getMetadata();
    }
    if (o instanceof CnpgCluster c) {
      return c.metadata();
    }
    if (o instanceof CnpgDatabase d) {
      return d.metadata();
    }
    throw new AssertionError("no metadata on " + o.getClass());
  }
}
