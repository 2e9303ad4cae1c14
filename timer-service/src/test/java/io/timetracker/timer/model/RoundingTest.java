package io.timetracker.timer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rounding of stopped durations (spec A.6.3), without a Quarkus boot. */
class RoundingTest {

  @ParameterizedTest(name = "{0} s at {1} min {2} -> {3} s")
  @CsvSource({
    // the pinned examples of the original's tests/test_time_rounding.py
    "3720, 5, nearest, 3600",
    "3780, 5, nearest, 3900",
    "120, 5, nearest, 0",
    "180, 5, nearest, 300",
    "3720, 15, up, 4500",
    "3600, 15, up, 3600",
    "4440, 15, down, 3600",
    "5400, 60, nearest, 7200",
    "5340, 60, nearest, 3600",
    "30, 5, nearest, 0",
    "30, 5, up, 300",
    "30, 5, down, 0",
    "29220, 15, nearest, 28800",
    "29280, 15, nearest, 29700",
  })
  void matchesThePinnedExamplesOfTheOriginal(
      long seconds, int minutes, String method, long expected) {
    assertThat(new Rounding(minutes, RoundingMethod.parse(method)).apply(seconds))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} s at {1} min nearest -> {2} s")
  @CsvSource({
    // exactly half an interval: Python's round() goes to the even multiple
    "450, 15, 0", // 7.5 min: 0.5 intervals -> 0
    "1350, 15, 1800", // 22.5 min: 1.5 intervals -> 2
    "2250, 15, 1800", // 37.5 min: 2.5 intervals -> 2
    "3150, 15, 3600", // 52.5 min: 3.5 intervals -> 4
    "150, 5, 0", // 2.5 min: 0.5 intervals -> 0
    "1800, 60, 0", // 30 min: 0.5 intervals -> 0
    "5400, 60, 7200", // 90 min: 1.5 intervals -> 2
  })
  void roundsExactHalvesToTheEvenMultiple(long seconds, int minutes, long expected) {
    assertThat(new Rounding(minutes, RoundingMethod.NEAREST).apply(seconds)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(RoundingMethod.class)
  void leavesDurationsUnchangedAtOneMinute(RoundingMethod method) {
    assertThat(new Rounding(1, method).apply(3721)).isEqualTo(3721);
    assertThat(Rounding.NONE.apply(59)).isEqualTo(59);
  }

  @ParameterizedTest
  @EnumSource(RoundingMethod.class)
  void neverReturnsANegativeDuration(RoundingMethod method) {
    assertThat(new Rounding(15, method).apply(-1000)).isZero();
    assertThat(new Rounding(1, method).apply(-1)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sideways", "NEAREST", "Up", ""})
  @NullSource
  void treatsAnUnknownMethodAsNearest(String stored) {
    assertThat(RoundingMethod.parse(stored)).isEqualTo(RoundingMethod.NEAREST);
  }

  @Test
  void parsesTheStoredLowerCaseNames() {
    assertThat(RoundingMethod.parse("nearest")).isEqualTo(RoundingMethod.NEAREST);
    assertThat(RoundingMethod.parse("up")).isEqualTo(RoundingMethod.UP);
    assertThat(RoundingMethod.parse("down")).isEqualTo(RoundingMethod.DOWN);
  }

  /** Random durations for every interval and method, with a fixed seed so failures repeat. */
  static Stream<Arguments> randomDurations() {
    Random random = new Random(20260308L);
    int[] intervals = {5, 10, 15, 30, 60};
    return Stream.generate(
            () ->
                Arguments.of(
                    (long) random.nextInt(48 * 3600),
                    intervals[random.nextInt(intervals.length)],
                    RoundingMethod.values()[random.nextInt(RoundingMethod.values().length)]))
        .limit(500);
  }

  @ParameterizedTest(name = "{0} s at {1} min {2}")
  @MethodSource("randomDurations")
  void landsOnTheClosestAllowedMultipleInTheMethodsDirection(
      long seconds, int minutes, RoundingMethod method) {
    long interval = minutes * 60L;
    long rounded = new Rounding(minutes, method).apply(seconds);

    assertThat(rounded % interval).isZero();
    assertThat(Math.abs(rounded - seconds)).isLessThan(interval);
    switch (method) {
      case UP -> assertThat(rounded).isGreaterThanOrEqualTo(seconds);
      case DOWN -> assertThat(rounded).isLessThanOrEqualTo(seconds);
      case NEAREST -> {
        assertThat(Math.abs(rounded - seconds) * 2).isLessThanOrEqualTo(interval);
        if (Math.abs(rounded - seconds) * 2 == interval) {
          assertThat((rounded / interval) % 2).isZero();
        }
      }
    }
    assertThat(new Rounding(minutes, method).apply(rounded)).isEqualTo(rounded);
  }
}
