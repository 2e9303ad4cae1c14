package io.timetracker.connector.kit.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Outcome of a sync run; lower case in JSON, as the original's {@code last_sync_status}. */
public enum SyncStatus {
  /** Everything processed. */
  SUCCESS,
  /** Some items failed, others went through. */
  PARTIAL,
  /** Nothing went through. */
  FAILED;

  /** The JSON and stored form. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
