package io.timetracker.connector.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** WireMock standing in for {@code api.github.com}; tests stub it through {@link #server()}. */
public class GithubApiResource implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer server;

  /** The running server. */
  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return Map.of("quarkus.rest-client.github-api.url", server.baseUrl());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
