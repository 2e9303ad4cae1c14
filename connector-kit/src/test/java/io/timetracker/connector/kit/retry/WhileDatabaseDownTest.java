package io.timetracker.connector.kit.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WhileDatabaseDownTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aStepFailingWhileTheDatabaseIsDownIsTakenAgainUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    Uni<String> step =
        Uni.createFrom()
            .item(calls::incrementAndGet)
            .map(
                n -> {
                  if (n < 3) {
                    throw new IllegalStateException("Connection refused");
                  }
                  return "row " + n;
                });

    assertThat(WhileDatabaseDown.retried(step).await().atMost(WAIT)).isEqualTo("row 3");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aFailureThatIsNotTheDatabasesPassesThroughAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    Uni<String> step =
        Uni.createFrom()
            .item(calls::incrementAndGet)
            .map(
                n -> {
                  throw new IllegalArgumentException("refused for good");
                });

    assertThatThrownBy(
            () ->
                WhileDatabaseDown.retried(step, f -> !(f instanceof IllegalArgumentException))
                    .await()
                    .atMost(WAIT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(calls).hasValue(1);
  }
}
