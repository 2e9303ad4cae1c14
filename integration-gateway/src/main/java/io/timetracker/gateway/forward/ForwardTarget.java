package io.timetracker.gateway.forward;

import io.timetracker.gateway.config.GatewayConfig;
import java.net.URI;

/**
 * Where one forwarded route goes: its name and settings, and the connector's host, port, scheme and
 * path prefix parsed once from the connector's URL.
 */
public record ForwardTarget(
    String name,
    GatewayConfig.Route route,
    String connector,
    String host,
    int port,
    boolean ssl,
    String basePath) {

  /** The target of a route whose connector listens at {@code url}. */
  public static ForwardTarget of(String name, GatewayConfig.Route route, String url) {
    URI uri = URI.create(url);
    boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return new ForwardTarget(name, route, route.connector(), uri.getHost(), port, ssl, path);
  }
}
