package io.timetracker.gateway.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.ConfigResponse;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncAccepted;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.gateway.client.ConnectorClients;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The uniform per-provider user API: each operation goes to the provider's connector through its
 * typed client, as the signed-in person; the list asks every connector at once and shows a
 * connector that does not answer as unavailable.
 */
@ApplicationScoped
public class IntegrationService {

  private static final Logger LOG = Logger.getLogger(IntegrationService.class);

  private final ConnectorClients connectors;

  /** The connectors' clients. */
  public IntegrationService(ConnectorClients connectors) {
    this.connectors = connectors;
  }

  /** Every connector with the caller's status, unavailable ones marked. */
  public Uni<IntegrationList> list() {
    List<Uni<ConnectorCard>> cards = new ArrayList<>();
    for (String provider : connectors.providers()) {
      cards.add(card(provider));
    }
    return Uni.join().all(cards).andFailFast().map(list -> new IntegrationList(true, list));
  }

  /** The caller's settings at the provider. */
  public Uni<ConfigResponse<Object>> config(String provider, String connection) {
    return connectors.call(known(provider), api -> api.config(connection));
  }

  /** The caller's status at the provider. */
  public Uni<StatusResponse> status(String provider, String connection) {
    return connectors.call(known(provider), api -> api.status(connection));
  }

  /** Tests the caller's connection. */
  public Uni<TestResult> test(String provider, String connection) {
    return connectors.call(known(provider), api -> api.test(connection));
  }

  /** Queues a sync of the caller's connection. */
  public Uni<RestResponse<SyncAccepted>> sync(String provider, String connection) {
    return connectors.call(known(provider), api -> api.sync(connection));
  }

  /** Disconnects the caller's connection. */
  public Uni<Void> disconnect(String provider, String connection) {
    return connectors.call(known(provider), api -> api.disconnect(connection));
  }

  private Uni<ConnectorCard> card(String provider) {
    String name = connectors.settings(provider).orElseThrow().name();
    return status(provider, null)
        .map(status -> ConnectorCard.of(provider, name, status))
        .onFailure()
        .recoverWithItem(failure -> unavailable(provider, name, failure));
  }

  private static ConnectorCard unavailable(String provider, String name, Throwable failure) {
    LOG.debugf("%s unavailable for the list: %s", provider, failure.toString());
    return ConnectorCard.unavailable(provider, name);
  }

  private String known(String provider) {
    if (!connectors.has(provider)) {
      throw ApiException.notFound("unknown_provider", "No connector named " + provider + ".");
    }
    return provider;
  }
}
