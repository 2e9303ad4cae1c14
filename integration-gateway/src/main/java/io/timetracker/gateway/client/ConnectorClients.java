package io.timetracker.gateway.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.ConnectorApi;
import io.timetracker.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One typed REST client of connector-kit's {@link ConnectorApi} per connector (base URL {@code
 * gateway.connectors.<key>.url} + {@code api-path}), each behind its own timeout and circuit
 * breaker ({@code connector-<key>}), with the person's token propagated.
 */
@ApplicationScoped
public class ConnectorClients {

  private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {};

  private final Map<String, Guarded> clients = new LinkedHashMap<>();

  /** Builds a client and a guard for every configured connector. */
  public ConnectorClients(GatewayConfig config, BearerPropagation bearer) {
    config.connectors().entrySet().stream()
        .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(c -> c.order())))
        .forEach(e -> clients.put(e.getKey(), guarded(e.getKey(), e.getValue(), bearer)));
  }

  /** The provider keys in page order. */
  public Iterable<String> providers() {
    return clients.keySet();
  }

  /** Whether a connector of that key is configured. */
  public boolean has(String provider) {
    return clients.containsKey(provider);
  }

  /** Calls the connector of {@code provider} through its breaker and timeout. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> Uni<T> call(String provider, Function<ConnectorApi, Uni<T>> operation) {
    Guarded g = clients.get(provider);
    Supplier<Uni<Object>> call = () -> (Uni) operation.apply(g.api());
    return (Uni<T>) g.guard().get(call, UNI);
  }

  /** The connector's settings, if configured. */
  public Optional<GatewayConfig.Connector> settings(String provider) {
    return Optional.ofNullable(clients.get(provider)).map(Guarded::settings);
  }

  private static Guarded guarded(
      String key, GatewayConfig.Connector connector, BearerPropagation bearer) {
    long timeout = connector.timeout().toMillis();
    ConnectorApi api =
        QuarkusRestClientBuilder.newBuilder()
            .baseUri(URI.create(connector.url().replaceAll("/+$", "") + connector.apiPath()))
            .connectTimeout(timeout, TimeUnit.MILLISECONDS)
            .readTimeout(timeout, TimeUnit.MILLISECONDS)
            .register(bearer)
            .register(new ConnectorResponseMapper())
            .build(ConnectorApi.class);
    GatewayConfig.Breaker breaker = connector.breaker();
    Guard guard =
        Guard.create()
            .withDescription("connector-" + key)
            .withTimeout()
            .duration(timeout, ChronoUnit.MILLIS)
            .done()
            .withCircuitBreaker()
            .name("connector-" + key)
            .requestVolumeThreshold(breaker.requestVolume())
            .failureRatio(breaker.failureRatio())
            .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
            .when(ConnectorFailures::isOutage)
            .done()
            .build();
    return new Guarded(connector, api, guard);
  }

  private record Guarded(GatewayConfig.Connector settings, ConnectorApi api, Guard guard) {}
}
