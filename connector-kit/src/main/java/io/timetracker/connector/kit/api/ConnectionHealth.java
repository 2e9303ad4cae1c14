package io.timetracker.connector.kit.api;

import io.timetracker.connector.kit.masking.ErrorText;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection's health for the status answer; non-failing for the service (DESIGN §7).
 *
 * @param state up, degraded, down or unknown
 * @param detail why, masked; {@code null} when up
 */
@Schema(description = "Health of one connection as its last provider call saw it")
public record ConnectionHealth(HealthState state, String detail) {

  /** Requires a state; masks the detail. */
  public ConnectionHealth {
    Objects.requireNonNull(state, "state");
    detail = ErrorText.of(detail);
  }

  /** Healthy. */
  public static ConnectionHealth up() {
    return new ConnectionHealth(HealthState.UP, null);
  }

  /** Working with problems. */
  public static ConnectionHealth degraded(String detail) {
    return new ConnectionHealth(HealthState.DEGRADED, detail);
  }

  /** Not working. */
  public static ConnectionHealth down(String detail) {
    return new ConnectionHealth(HealthState.DOWN, detail);
  }

  /** Not tried yet. */
  public static ConnectionHealth unknown() {
    return new ConnectionHealth(HealthState.UNKNOWN, null);
  }
}
