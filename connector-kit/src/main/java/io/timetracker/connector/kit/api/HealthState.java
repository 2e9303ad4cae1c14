package io.timetracker.connector.kit.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A connection's health as its last provider call saw it; lower case in JSON. */
public enum HealthState {
  /** The provider answered as expected. */
  UP,
  /** Answers with errors, rate limits or partial syncs. */
  DEGRADED,
  /** Calls fail (bad credentials, provider down, secret undecryptable). */
  DOWN,
  /** Nothing has been tried yet. */
  UNKNOWN;

  /** The JSON form. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
