package io.timetracker.deploy;

import static io.timetracker.deploy.Overlays.podLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every workload's probes, resources and security context; every service's image and ports. */
class DeploymentsTest {

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyServiceModuleHasADeploymentServiceAutoscalerAndDisruptionBudget(Rendered r) {
    List<ServiceModule> modules = ServiceModule.all();
    assertThat(modules).extracting(ServiceModule::name).contains("timer-service");
    for (ServiceModule m : modules) {
      assertThat(r.deployment(m.name())).as("%s: Deployment %s", r, m.name()).isPresent();
      assertThat(r.service(m.name())).as("%s: Service %s", r, m.name()).isPresent();
      assertThat(r.all(HorizontalPodAutoscaler.class))
          .as("%s: HPA of %s", r, m.name())
          .anySatisfy(
              h -> assertThat(h.getSpec().getScaleTargetRef().getName()).isEqualTo(m.name()));
      Deployment d = r.deployment(m.name()).orElseThrow();
      assertThat(r.all(PodDisruptionBudget.class))
          .as("%s: PodDisruptionBudget of %s", r, m.name())
          .anySatisfy(
              p -> assertThat(Overlays.matches(p.getSpec().getSelector(), podLabels(d))).isTrue());
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyServiceDeploymentBelongsToAModuleOfTheReactor(Rendered r) {
    List<String> modules = ServiceModule.all().stream().map(ServiceModule::name).toList();
    assertThat(Overlays.services(r))
        .extracting(d -> d.getMetadata().getName())
        .allSatisfy(name -> assertThat(modules).as("modules of the root POM").contains(name));
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyContainerHasStartupLivenessAndReadinessProbes(Rendered r) {
    for (Deployment d : r.deployments()) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        String what = r + ": " + d.getMetadata().getName() + "/" + c.getName();
        assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
            .as(what)
            .doesNotContainNull()
            .allSatisfy(p -> assertThat(p.getHttpGet()).as(what + " probes over HTTP").isNotNull());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void servicesProbeQuarkusHealthOnTheirHttpPort(Rendered r) {
    for (Deployment d : Overlays.services(r)) {
      Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(path(c.getStartupProbe())).isEqualTo("/q/health/started");
      assertThat(path(c.getLivenessProbe())).isEqualTo("/q/health/live");
      assertThat(path(c.getReadinessProbe())).isEqualTo("/q/health/ready");
      assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
          .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http"));
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyContainerHasCpuAndMemoryRequestsAndLimits(Rendered r) {
    for (Deployment d : r.deployments()) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        String what = r + ": " + d.getMetadata().getName() + "/" + c.getName();
        assertThat(c.getResources().getRequests())
            .as(what + " requests")
            .containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits().get("memory").getNumericalAmount())
            .as(what + " memory limit ≥ request")
            .isGreaterThanOrEqualTo(
                c.getResources().getRequests().get("memory").getNumericalAmount());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void everyPodRunsAsANonRootUserWithoutPrivilegeEscalation(Rendered r) {
    for (Deployment d : r.deployments()) {
      PodSecurityContext pod = d.getSpec().getTemplate().getSpec().getSecurityContext();
      String what = r + ": " + d.getMetadata().getName();
      assertThat(pod.getRunAsNonRoot()).as(what + " runAsNonRoot").isTrue();
      assertThat(pod.getRunAsUser()).as(what + " runAsUser").isNotNull().isNotZero();
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        SecurityContext sc = c.getSecurityContext();
        assertThat(sc.getAllowPrivilegeEscalation())
            .as(what + " allowPrivilegeEscalation")
            .isFalse();
        assertThat(sc.getCapabilities().getDrop())
            .as(what + " capabilities dropped")
            .contains("ALL");
        if (sc.getRunAsUser() != null) {
          assertThat(sc.getRunAsUser()).as(what + " container runAsUser").isNotZero();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void servicesHaveAReadOnlyRootFilesystemAndAWritableTmp(Rendered r) {
    for (Deployment d : Overlays.services(r)) {
      var spec = d.getSpec().getTemplate().getSpec();
      Container c = spec.getContainers().get(0);
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
          .as(d.getMetadata().getName())
          .isTrue();
      String tmpVolume =
          c.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + ": no /tmp mount"))
              .getName();
      assertThat(spec.getVolumes())
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo(tmpVolume);
                assertThat(v.getEmptyDir()).isNotNull();
              });
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void imageNamesMatchTheirModulesAndCarryAReleaseTag(Rendered r) {
    for (Deployment d : Overlays.services(r)) {
      String name = d.getMetadata().getName();
      String image = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
      assertThat(image).as(r + ": image of " + name).matches(".*/timetracker/" + name + ":[^:/]+");
      assertThat(image).as(r + ": image of " + name).doesNotEndWith(":latest");
    }
  }

  @org.junit.jupiter.api.Test
  void everyServiceModuleBuildsTheImageTheManifestsName() {
    for (ServiceModule m : ServiceModule.all()) {
      assertThat(Repo.read(Repo.path(m.name(), "pom.xml")))
          .as(m.name() + "/pom.xml")
          .contains("<artifactId>quarkus-container-image-jib</artifactId>");
      var props =
          ServiceModule.load(
              Repo.path(m.name(), "src", "main", "resources", "application.properties"));
      assertThat(ServiceModule.prodValue(props, "quarkus.container-image.group"))
          .as(m.name())
          .isEqualTo("timetracker");
      assertThat(ServiceModule.prodValue(props, "quarkus.container-image.name"))
          .as(m.name())
          .isEqualTo(m.name());
      assertThat(ServiceModule.prodValue(props, "quarkus.container-image.build"))
          .as(m.name() + ": the default build never needs a registry")
          .isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("io.timetracker.deploy.Overlays#rendered")
  void portsMatchEachServicesHttpPort(Rendered r) {
    for (ServiceModule m : ServiceModule.all()) {
      Deployment d = r.deployment(m.name()).orElseThrow();
      Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(c.getPorts())
          .as(r + ": ports of " + m.name() + " (quarkus.http.port " + m.httpPort() + ")")
          .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("http", m.httpPort()));
      var service = r.service(m.name()).orElseThrow();
      assertThat(service.getSpec().getPorts())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getPort()).isEqualTo(m.httpPort());
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
              });
      assertThat(
              Overlays.matches(
                  new io.fabric8.kubernetes.api.model.LabelSelector(
                      null, service.getSpec().getSelector()),
                  podLabels(d)))
          .as(r + ": Service " + m.name() + " selects its pods")
          .isTrue();
      var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
      assertThat(annotations).containsEntry("prometheus.io/port", String.valueOf(m.httpPort()));
    }
  }

  private static String path(Probe p) {
    return p.getHttpGet().getPath();
  }
}
