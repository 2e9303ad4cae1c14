package io.timetracker.connector.kit.timer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Reserves a free local port for the core and points both core clients at it. Nothing listens there
 * until a test starts its stand-in of the core, so the core starts out "down".
 */
public class CorePortResource implements QuarkusTestResourceLifecycleManager {

  private static int port;

  /** The port the core clients call. */
  public static int port() {
    return port;
  }

  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = "http://127.0.0.1:" + port;
    return Map.of(
        "quarkus.rest-client.timer-service.url", url,
        "quarkus.rest-client.timer-service-user.url", url);
  }

  @Override
  public void stop() {
    // nothing held
  }
}
