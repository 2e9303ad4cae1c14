package io.timetracker.connector.kit.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Backoff TINY = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 0);
  private static final Duration CAP = Duration.ofMillis(20);

  static final class Busy extends RuntimeException implements RetryAfter.Retryable {
    private final Duration after;

    Busy(Duration after) {
      super("busy");
      this.after = after;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(after);
    }
  }

  @Test
  void retriesRetryableFailuresUntilTheCallSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        RetryAfter.call(
                () ->
                    calls.incrementAndGet() < 3
                        ? Uni.createFrom().failure(new Busy(Duration.ofMillis(2)))
                        : Uni.createFrom().item("posted"),
                TINY,
                5,
                CAP)
            .await()
            .atMost(Duration.ofSeconds(5));
    assertThat(result).isEqualTo("posted");
    assertThat(calls).hasValue(3);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastFailure() {
    AtomicInteger calls = new AtomicInteger();
    Uni<String> call =
        RetryAfter.call(
            () -> {
              calls.incrementAndGet();
              return Uni.createFrom().failure(new Busy(null));
            },
            TINY,
            3,
            CAP);
    assertThatThrownBy(() -> call.await().atMost(Duration.ofSeconds(5))).isInstanceOf(Busy.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void neverRetriesOtherFailures() {
    AtomicInteger calls = new AtomicInteger();
    Uni<String> call =
        RetryAfter.call(
            () -> {
              calls.incrementAndGet();
              return Uni.createFrom().failure(new IllegalStateException("401"));
            },
            TINY,
            5,
            CAP);
    assertThatThrownBy(() -> call.await().atMost(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void readsDeltaSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-01-05T10:00:00Z");
    assertThat(RetryAfter.parse("2", now)).contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.parse("Mon, 05 Jan 2026 10:00:30 GMT", now))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Mon, 05 Jan 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse("-1", now)).isEmpty();
    assertThat(RetryAfter.parse(null, now)).isEmpty();
  }
}
