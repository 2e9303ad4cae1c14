package io.timetracker.connector.kit.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff noJitter = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0);

  @Test
  void doublesPerAttempt() {
    assertThat(noJitter.delay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(noJitter.delay(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(noJitter.delay(3)).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void isCappedAtTheMaximumEvenForHugeAttemptNumbers() {
    assertThat(noJitter.delay(6)).isEqualTo(Duration.ofMinutes(5));
    assertThat(noJitter.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    assertThat(noJitter.delay(0)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterOnlyShortensWithinItsShare() {
    Backoff jittered = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), 0.5);
    SplittableRandom random = new SplittableRandom(7);

    for (int i = 0; i < 1000; i++) {
      assertThat(jittered.delay(2, random))
          .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
