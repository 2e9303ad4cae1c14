package io.timetracker.connector.kit.api;

import io.timetracker.connector.kit.masking.ErrorText;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The uniform {@code GET …/status} answer. A user without a connection gets {@link #notConnected()}
 * ({@code ok: true, connected: false}), not an error, as in the original.
 *
 * @param ok always true: status is never an error
 * @param connected an active connection with its credentials exists
 * @param lastSyncAt when the last sync finished, or {@code null}
 * @param lastSyncStatus how it went, or {@code null} if never
 * @param lastError the last error, masked, or {@code null}
 * @param health the connection's health
 */
@Schema(description = "Connection status for the signed-in user")
public record StatusResponse(
    boolean ok,
    boolean connected,
    Instant lastSyncAt,
    SyncStatus lastSyncStatus,
    String lastError,
    ConnectionHealth health) {

  /** Masks the error; health defaults to unknown. */
  public StatusResponse {
    lastError = ErrorText.of(lastError);
    health = health == null ? ConnectionHealth.unknown() : health;
  }

  /** No connection for this user. */
  public static StatusResponse notConnected() {
    return new StatusResponse(true, false, null, null, null, ConnectionHealth.unknown());
  }

  /** A connection and what its last sync did. */
  public static StatusResponse connected(
      Instant lastSyncAt, SyncStatus lastSyncStatus, String lastError, ConnectionHealth health) {
    return new StatusResponse(true, true, lastSyncAt, lastSyncStatus, lastError, health);
  }
}
