package io.timetracker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each service reads from its environment in production is there: its ConfigMap and Secret (by
 * envFrom) and its explicit env together provide every {@code ${VAR}} of its application.properties
 * outside {@code %test}/{@code %dev}.
 */
class ConfigurationTest {

  private static final Pattern SERVICE_URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)(/.*)?");

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyVariableAServiceReadsInProdIsProvided(Rendered r) {
    for (ServiceModule m : ServiceModule.all()) {
      Set<String> provided = provided(r, r.deployment(m.name()).orElseThrow());
      assertThat(m.envReads())
          .as(r + ": " + m.name() + " provides " + provided)
          .allSatisfy(
              alternatives ->
                  assertThat(alternatives)
                      .as("%s reads ${%s}", m.name(), String.join(":${", alternatives))
                      .containsAnyElementsOf(provided));
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyConfigMapAndSecretAWorkloadRefersToExists(Rendered r) {
    for (Deployment d : r.deployments()) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        for (EnvFromSource from : c.getEnvFrom()) {
          if (from.getConfigMapRef() != null) {
            assertThat(r.configMap(from.getConfigMapRef().getName()))
                .as(r + ": ConfigMap " + from.getConfigMapRef().getName())
                .isPresent();
          } else {
            Overlays.secretTemplate(from.getSecretRef().getName());
          }
        }
        for (EnvVar e : c.getEnv()) {
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            var ref = e.getValueFrom().getSecretKeyRef();
            assertThat(Overlays.secretKeys(Overlays.secretTemplate(ref.getName())))
                .as("Secret template %s", ref.getName())
                .contains(ref.getKey());
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyInClusterUrlInAConfigMapNamesARenderedServiceAndPort(Rendered r) {
    for (ConfigMap cm : r.all(ConfigMap.class)) {
      if (cm.getData() == null) {
        continue;
      }
      cm.getData()
          .forEach(
              (key, value) -> {
                Matcher m = SERVICE_URL.matcher(value);
                if (m.matches() && !m.group(1).contains(".")) {
                  var service = r.service(m.group(1));
                  assertThat(service)
                      .as(r + ": " + key + "=" + value + " names a Service")
                      .isPresent();
                  assertThat(service.orElseThrow().getSpec().getPorts())
                      .as(r + ": " + key + "=" + value)
                      .anySatisfy(
                          p -> assertThat(p.getPort()).isEqualTo(Integer.parseInt(m.group(2))));
                }
              });
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyPublicBaseUrlIsTheGatewaysIngressHost(Rendered r) {
    var gatewayIngress =
        r.all(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class).stream()
            .filter(i -> i.getMetadata().getName().equals("integration-gateway"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r + ": no Ingress integration-gateway"));
    String publicUrl = "https://" + gatewayIngress.getSpec().getRules().get(0).getHost();
    List<String> urls =
        r.all(ConfigMap.class).stream()
            .flatMap(cm -> cm.getData().entrySet().stream())
            .filter(e -> e.getKey().endsWith("_PUBLIC_BASE_URL"))
            .map(e -> e.getKey() + "=" + e.getValue())
            .toList();
    assertThat(urls).as(r + ": public base URLs").isNotEmpty();
    assertThat(urls).allSatisfy(u -> assertThat(u).endsWith("=" + publicUrl));
  }

  @Test
  void secretTemplatesHoldPlaceholdersOnly() throws Exception {
    try (var files = java.nio.file.Files.list(Repo.path("deploy", "k8s", "secrets"))) {
      List<java.nio.file.Path> templates =
          files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(templates).isNotEmpty();
      for (var file : templates) {
        Secret s = Overlays.secretTemplate(file.getFileName().toString().replace(".yaml", ""));
        assertThat(s.getData()).as(file + ": data (base64) in a template").isNullOrEmpty();
        var values =
            s.getStringData() == null ? java.util.Map.<String, String>of() : s.getStringData();
        values.forEach(
            (key, value) -> {
              if (!(s.getType().equals("kubernetes.io/basic-auth") && key.equals("username"))) {
                assertThat(value).as(file.getFileName() + " " + key).startsWith("<").endsWith(">");
              }
            });
      }
    }
  }

  @Test
  void readsAreParsedFromProdEffectiveKeysWithFallbacks() {
    var p = new java.util.Properties();
    p.setProperty("a", "jdbc:postgresql://${DB_HOST:127.0.0.1}:${DB_PORT:5432}/x");
    p.setProperty("b", "${SECRET_A:${SECRET_B:none}}");
    p.setProperty("c", "${quarkus.http.port}");
    p.setProperty("%test.d", "${ONLY_IN_TEST}");
    p.setProperty("e", "${OVERRIDDEN}");
    p.setProperty("%prod.e", "${IN_PROD}");
    assertThat(ServiceModule.envReads(p))
        .containsExactlyInAnyOrder(
            Set.of("DB_HOST"),
            Set.of("DB_PORT"),
            Set.of("SECRET_A", "SECRET_B"),
            Set.of("IN_PROD"));
  }

  private static Set<String> provided(Rendered r, Deployment d) {
    Set<String> names = new TreeSet<>();
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    for (EnvFromSource from : c.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        r.configMap(from.getConfigMapRef().getName())
            .ifPresent(cm -> names.addAll(cm.getData().keySet()));
      } else {
        names.addAll(Overlays.secretKeys(Overlays.secretTemplate(from.getSecretRef().getName())));
      }
    }
    c.getEnv().forEach(e -> names.add(e.getName()));
    return names;
  }
}
