package io.timetracker.connector.github.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an auto-started timer does when the user already has one running. */
public enum TimerPolicy {
  /** Leave the running timer alone; start nothing. */
  SKIP,
  /** Stop the running timer and start the new one (one transaction in the core). */
  SWITCH;

  /** Stored and JSON form. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code skip}/{@code switch}, any case. */
  @JsonCreator
  public static TimerPolicy of(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
