package io.timetracker.timer.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports in readiness whether a Kafka broker answers ({@code broker}: {@code reachable} or {@code
 * unreachable}) without ever failing it: while no broker answers the outbox relay cannot publish,
 * so committed changes wait in the outbox (nothing is lost; docs/RELIABILITY.md), and the API keeps
 * serving — taking every replica out of rotation would turn a broker outage into an API outage. One
 * cluster description per probe with its own short timeout, asked without blocking a thread, so a
 * probe answers within {@code timer.health.kafka-timeout} whatever the broker does.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {
  static final String NAME = "kafka";

  private final Admin admin;
  private final int timeoutMs;

  /** An admin client of its own, from the application's {@code kafka.*} settings. */
  public KafkaReadinessCheck(
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      @ConfigProperty(name = "timer.health.kafka-timeout", defaultValue = "2s") Duration timeout) {
    this.timeoutMs = (int) timeout.toMillis();
    Map<String, Object> props = new HashMap<>();
    kafka.forEach(
        (k, v) -> {
          if (AdminClientConfig.configNames().contains(k)) {
            props.put(k, v);
          }
        });
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "timer-service-health");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    this.admin = Admin.create(props);
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom()
        .completionStage(
            () ->
                admin
                    .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes()
                    .toCompletionStage())
        .map(
            nodes ->
                HealthCheckResponse.named(NAME)
                    .up()
                    .withData("broker", "reachable")
                    .withData("brokers", nodes.size())
                    .build())
        .onFailure()
        .recoverWithItem(
            f ->
                // reported, never failing: without a broker the API still serves and every change
                // waits in the outbox, so the pod stays in rotation (docs/operations.md)
                HealthCheckResponse.named(NAME)
                    .up()
                    .withData("broker", "unreachable")
                    .withData("error", String.valueOf(f.getMessage()))
                    .build());
  }

  @PreDestroy
  void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
