package io.timetracker.timer.model;

/** How a duration is rounded to the user's interval. */
public enum RoundingMethod {
  NEAREST,
  UP,
  DOWN;

  /** Parses the stored lower-case name; anything unknown is treated as nearest (spec A.6.3). */
  public static RoundingMethod parse(String value) {
    if (value == null) {
      return NEAREST;
    }
    return switch (value) {
      case "up" -> UP;
      case "down" -> DOWN;
      default -> NEAREST;
    };
  }
}
