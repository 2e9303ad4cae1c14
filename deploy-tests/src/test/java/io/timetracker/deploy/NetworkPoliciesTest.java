package io.timetracker.deploy;

import static io.timetracker.deploy.Overlays.COMPONENT;
import static io.timetracker.deploy.Overlays.matches;
import static io.timetracker.deploy.Overlays.podLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may reach whom: nothing by default, the gateway from the ingress controller, the connectors
 * from the gateway, timer-service from the connectors only.
 */
class NetworkPoliciesTest {

  private static final String INGRESS_NAMESPACE = "ingress-nginx";
  private static final String MONITORING_NAMESPACE = "monitoring";

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void aDefaultDenyPolicySelectsEveryPod(Rendered r) {
    assertThat(r.all(NetworkPolicy.class))
        .anySatisfy(
            p -> {
              assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
              assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
              assertThat(p.getSpec().getPolicyTypes()).contains("Ingress");
              assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            });
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyWorkloadHasAPolicyOfItsOwnThatLetsItsCallersIn(Rendered r) {
    for (Deployment d : r.deployments()) {
      String name = d.getMetadata().getName();
      assertThat(r.all(NetworkPolicy.class))
          .as(r + ": a policy naming " + name + "'s pods")
          .anySatisfy(
              p -> {
                assertThat(p.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", name);
                assertThat(matches(p.getSpec().getPodSelector(), podLabels(d))).isTrue();
                assertThat(p.getSpec().getIngress()).isNotEmpty();
              });
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void onlyConnectorsReachTimerService(Rendered r) {
    Deployment core = r.deployment("timer-service").orElseThrow();
    List<NetworkPolicyPeer> peers = peersOf(r, core);
    assertThat(peers).isNotEmpty();
    for (NetworkPolicyPeer peer : peers) {
      if (peer.getNamespaceSelector() != null) {
        assertThat(namespace(peer))
            .as("only Prometheus from another namespace")
            .isEqualTo(MONITORING_NAMESPACE);
        continue;
      }
      List<Deployment> callers = selected(r, peer);
      assertThat(callers).as(r + ": workloads let into timer-service").isNotEmpty();
      assertThat(callers)
          .allSatisfy(c -> assertThat(podLabels(c)).containsEntry(COMPONENT, "connector"));
    }
    List<String> connectors =
        r.deployments().stream()
            .filter(d -> "connector".equals(podLabels(d).get(COMPONENT)))
            .map(d -> d.getMetadata().getName())
            .toList();
    assertThat(
            peers.stream()
                .flatMap(p -> selected(r, p).stream())
                .map(d -> d.getMetadata().getName()))
        .as("every connector reaches timer-service")
        .containsAll(connectors);
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void onlyTheGatewayAmongTheServicesIsReachableFromTheIngressController(Rendered r) {
    for (Deployment d : Overlays.services(r)) {
      boolean fromIngress =
          peersOf(r, d).stream()
              .anyMatch(
                  p -> p.getNamespaceSelector() != null && INGRESS_NAMESPACE.equals(namespace(p)));
      assertThat(fromIngress)
          .as(r + ": " + d.getMetadata().getName() + " reachable from " + INGRESS_NAMESPACE)
          .isEqualTo("gateway".equals(podLabels(d).get(COMPONENT)));
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void connectorsAreReachedOnlyThroughTheGateway(Rendered r) {
    for (Deployment d : Overlays.services(r)) {
      if (!"connector".equals(podLabels(d).get(COMPONENT))) {
        continue;
      }
      for (NetworkPolicyPeer peer : peersOf(r, d)) {
        if (peer.getNamespaceSelector() != null) {
          assertThat(namespace(peer)).isEqualTo(MONITORING_NAMESPACE);
        } else {
          assertThat(peer.getPodSelector().getMatchLabels())
              .containsEntry("app.kubernetes.io/name", "integration-gateway");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void theIngressExposesNoServiceButTheGateway(Rendered r) {
    List<String> services =
        Overlays.services(r).stream().map(d -> d.getMetadata().getName()).toList();
    List<String> backends =
        r.all(Ingress.class).stream()
            .flatMap(i -> i.getSpec().getRules().stream())
            .flatMap(rule -> rule.getHttp().getPaths().stream())
            .map(path -> path.getBackend().getService().getName())
            .toList();
    assertThat(backends).filteredOn(services::contains).allMatch("integration-gateway"::equals);
    if (services.contains("integration-gateway")) {
      assertThat(backends)
          .as(r + ": the gateway behind an Ingress")
          .contains("integration-gateway");
    }
  }

  /** Every ingress peer of every policy that selects the workload's pods. */
  private static List<NetworkPolicyPeer> peersOf(Rendered r, Deployment d) {
    return r.all(NetworkPolicy.class).stream()
        .filter(p -> matches(p.getSpec().getPodSelector(), podLabels(d)))
        .flatMap(p -> p.getSpec().getIngress().stream())
        .flatMap(rule -> rule.getFrom().stream())
        .toList();
  }

  private static List<Deployment> selected(Rendered r, NetworkPolicyPeer peer) {
    return r.deployments().stream()
        .filter(d -> matches(peer.getPodSelector(), podLabels(d)))
        .toList();
  }

  private static String namespace(NetworkPolicyPeer peer) {
    Map<String, String> labels = peer.getNamespaceSelector().getMatchLabels();
    return labels == null ? null : labels.get("kubernetes.io/metadata.name");
  }
}
