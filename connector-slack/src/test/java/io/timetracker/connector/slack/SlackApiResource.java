package io.timetracker.connector.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** WireMock standing in for {@code slack.com/api}; tests stub it through {@link #server()}. */
public class SlackApiResource implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer server;

  /** The running server. */
  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return Map.of("quarkus.rest-client.slack-api.url", server.baseUrl() + "/api");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
