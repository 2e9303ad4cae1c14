package io.timetracker.connector.gcal.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which way a connection syncs; lower case in JSON and in the database. */
public enum Direction {
  /** Calendar events become time entries. */
  IMPORT,
  /** Finished time entries become calendar events. */
  EXPORT,
  /** Both; the import runs first. */
  BOTH;

  /** The stored and JSON form. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether calendar events are imported. */
  public boolean imports() {
    return this != EXPORT;
  }

  /** Whether entries are exported. */
  public boolean exports() {
    return this != IMPORT;
  }

  /** Parses a stored or posted value; anything unknown is {@code import}, as in the original. */
  public static Direction parse(String value) {
    if (value == null) {
      return IMPORT;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "export" -> EXPORT;
      case "both" -> BOTH;
      default -> IMPORT;
    };
  }
}
