package io.timetracker.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The overlays under test, rendered once per test run, and helpers shared by the tests. */
final class Overlays {

  /** Overlay → the namespace it installs into. */
  static final Map<String, String> NAMESPACES =
      Map.of("dev", "timetracker-dev", "prod", "timetracker");

  /** Pod label naming the role of a workload: core, connector, gateway, identity. */
  static final String COMPONENT = "app.kubernetes.io/component";

  static final Set<String> SERVICE_COMPONENTS = Set.of("core", "connector", "gateway");

  private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

  private Overlays() {}

  /** Argument source of the parameterized tests. */
  static Stream<Rendered> rendered() {
    return NAMESPACES.keySet().stream().sorted().map(Overlays::get);
  }

  static Rendered get(String overlay) {
    return RENDERED.computeIfAbsent(overlay, Rendered::overlay);
  }

  static Map<String, String> podLabels(Deployment d) {
    return d.getSpec().getTemplate().getMetadata().getLabels();
  }

  /** The TimeTracker services among the Deployments (not Keycloak). */
  static List<Deployment> services(Rendered r) {
    return r.deployments().stream()
        .filter(d -> SERVICE_COMPONENTS.contains(podLabels(d).get(COMPONENT)))
        .toList();
  }

  /** Kubernetes' label selector semantics (matchLabels and matchExpressions, ANDed). */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> must =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    for (Map.Entry<String, String> e : must.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return expressions.stream().allMatch(x -> matches(x, labels));
  }

  private static boolean matches(LabelSelectorRequirement x, Map<String, String> labels) {
    String value = labels.get(x.getKey());
    return switch (x.getOperator()) {
      case "In" -> value != null && x.getValues().contains(value);
      case "NotIn" -> value == null || !x.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown operator " + x.getOperator());
    };
  }

  /** The Secret template {@code deploy/k8s/secrets/<name>.yaml}, parsed strictly. */
  static Secret secretTemplate(String name) {
    var file = Repo.path("deploy", "k8s", "secrets", name + ".yaml");
    if (!file.toFile().isFile()) {
      throw new AssertionError("no Secret template " + Repo.root().relativize(file));
    }
    return Rendered.parse(file.toString(), Repo.read(file)).all(Secret.class).get(0);
  }

  static Set<String> secretKeys(Secret s) {
    Set<String> keys = new java.util.TreeSet<>();
    if (s.getStringData() != null) {
      keys.addAll(s.getStringData().keySet());
    }
    if (s.getData() != null) {
      keys.addAll(s.getData().keySet());
    }
    return keys;
  }
}
