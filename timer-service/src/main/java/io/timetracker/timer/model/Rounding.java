package io.timetracker.timer.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * A user's rounding rule for stopped timers: an interval in minutes (1 = none) and a method.
 *
 * <p>Nearest rounds half to even (7.5 min at a 15-min interval gives 0, 22.5 min gives 30), the
 * original application's behaviour, so migrated users see the same totals.
 */
public record Rounding(int minutes, RoundingMethod method) {

  /** The intervals a user may choose. */
  public static final Set<Integer> ALLOWED_MINUTES = Set.of(1, 5, 10, 15, 30, 60);

  /** No rounding at all. */
  public static final Rounding NONE = new Rounding(1, RoundingMethod.NEAREST);

  /** Rounds a duration in seconds; never negative. */
  public long apply(long seconds) {
    long value = Math.max(0, seconds);
    if (minutes <= 1) {
      return value;
    }
    long interval = minutes * 60L;
    RoundingMode mode =
        switch (method) {
          case UP -> RoundingMode.CEILING;
          case DOWN -> RoundingMode.FLOOR;
          case NEAREST -> RoundingMode.HALF_EVEN;
        };
    long units =
        BigDecimal.valueOf(value).divide(BigDecimal.valueOf(interval), 0, mode).longValueExact();
    return units * interval;
  }
}
