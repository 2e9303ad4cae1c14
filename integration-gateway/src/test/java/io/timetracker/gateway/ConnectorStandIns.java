package io.timetracker.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock stand-ins for the three connectors (connector-github, connector-slack, connector-gcal):
 * forwarding and the typed client are tested against them; the real connector-github sits behind
 * the gateway in deploy/local/e2e-gateway.sh.
 */
public class ConnectorStandIns implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer github;
  private static WireMockServer slack;
  private static WireMockServer google;

  /** connector-github's stand-in. */
  public static WireMockServer github() {
    return github;
  }

  /** connector-slack's stand-in. */
  public static WireMockServer slack() {
    return slack;
  }

  /** connector-gcal's stand-in. */
  public static WireMockServer google() {
    return google;
  }

  /** Forgets stubs and requests of all three. */
  public static void reset() {
    github.resetAll();
    slack.resetAll();
    google.resetAll();
  }

  @Override
  public Map<String, String> start() {
    github = started();
    slack = started();
    google = started();
    return Map.of(
        "gateway.connectors.github.url", github.baseUrl(),
        "gateway.connectors.slack.url", slack.baseUrl(),
        "gateway.connectors.google.url", google.baseUrl());
  }

  private static WireMockServer started() {
    WireMockServer server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(20));
    server.start();
    return server;
  }

  @Override
  public void stop() {
    for (WireMockServer s : new WireMockServer[] {github, slack, google}) {
      if (s != null) {
        s.stop();
      }
    }
  }
}
