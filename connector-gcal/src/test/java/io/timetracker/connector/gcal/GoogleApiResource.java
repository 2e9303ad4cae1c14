package io.timetracker.connector.gcal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock standing in for Google's OAuth endpoints ({@code /o/oauth2/v2/auth}, {@code /token},
 * {@code /revoke}) and Calendar API ({@code /calendar/v3}); tests stub it through {@link
 * GoogleFake}.
 */
public class GoogleApiResource implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer server;
  private static final PerUserRateLimit RATE_LIMIT = new PerUserRateLimit();

  /** The per-user quota transformer (for stubs naming {@link PerUserRateLimit#NAME}). */
  public static PerUserRateLimit rateLimit() {
    return RATE_LIMIT;
  }

  /** The running server. */
  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .containerThreads(Integer.getInteger("bench.wiremock-threads", 32))
                .extensions(RATE_LIMIT));
    server.start();
    return Map.of(
        "quarkus.rest-client.gcal-api.url",
        server.baseUrl() + "/calendar/v3",
        "gcal.oauth.token-server-url",
        server.baseUrl(),
        "gcal.oauth.authorization-url",
        server.baseUrl() + "/o/oauth2/v2/auth",
        "gcal.oauth.client-id",
        "test-client.apps.googleusercontent.com",
        "gcal.oauth.client-secret",
        "test-client-secret");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
