package io.timetracker.gateway.service;

import io.timetracker.connector.kit.api.StatusResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One connector on {@code GET /api/integrations} and the page.
 *
 * @param provider {@code github}, {@code google}, {@code slack}
 * @param name shown name
 * @param state {@code connected}, {@code not_connected} or {@code unavailable} (connector down)
 * @param status the connector's own status answer; {@code null} while unavailable
 */
@Schema(description = "A connector and the signed-in person's status with it")
public record ConnectorCard(String provider, String name, String state, StatusResponse status) {

  /** A connector that answered. */
  public static ConnectorCard of(String provider, String name, StatusResponse status) {
    return new ConnectorCard(
        provider, name, status.connected() ? "connected" : "not_connected", status);
  }

  /** A connector that did not answer (down, slow, breaker open). */
  public static ConnectorCard unavailable(String provider, String name) {
    return new ConnectorCard(provider, name, "unavailable", null);
  }
}
