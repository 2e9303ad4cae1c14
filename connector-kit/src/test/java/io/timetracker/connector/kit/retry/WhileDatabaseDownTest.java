package io.timetracker.connector.kit.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WhileDatabaseDownTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AtomicInteger calls = new AtomicInteger();

  /** A step whose first {@code failures} calls fail with {@code failure}, then answers. */
  private Uni<String> step(int failures, RuntimeException failure) {
    return Uni.createFrom()
        .item(calls::incrementAndGet)
        .map(
            n -> {
              if (n <= failures) {
                throw failure;
              }
              return "row " + n;
            });
  }

  @Test
  void aStepFailingWhileTheDatabaseIsDownIsTakenAgainUntilItSucceeds() {
    Uni<String> step =
        step(2, new IllegalStateException(new ConnectException("Connection refused")));

    assertThat(WhileDatabaseDown.retried(step).await().atMost(WAIT)).isEqualTo("row 3");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aFailureThatIsNotTheDatabasesPassesThroughAtOnce() {
    Uni<String> step = step(Integer.MAX_VALUE, new IllegalArgumentException("refused for good"));

    assertThatThrownBy(() -> WhileDatabaseDown.retried(step).await().atMost(WAIT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(calls).hasValue(1);
  }
}
