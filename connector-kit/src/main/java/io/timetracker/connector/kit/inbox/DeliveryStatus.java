package io.timetracker.connector.kit.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a delivery is in its life; stored and shown in lower case. */
public enum DeliveryStatus {
  /** Stored and acknowledged, not yet processed. */
  RECEIVED,
  /** Claimed by a replica; reclaimable once its processing timeout passes. */
  PROCESSING,
  /** Processed. */
  DONE,
  /** Failed; retried at {@code next_attempt_at}. */
  FAILED,
  /** Failed too often (or permanently); only a manual redeliver brings it back. */
  DEAD;

  /** The stored and JSON form, e.g. {@code received}. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the stored form. */
  public static DeliveryStatus of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
