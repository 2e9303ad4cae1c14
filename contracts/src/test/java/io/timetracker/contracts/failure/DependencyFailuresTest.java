package io.timetracker.contracts.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "a dependency is down" (503) rather than a bug (500). */
class DependencyFailuresTest {

  @Test
  void aRefusedConnectionDeepInTheCauseChainIsAnOutage() {
    Throwable wrapped =
        new CompletionException(
            new IllegalStateException("session failed", new ConnectException("refused")));

    assertThat(DependencyFailures.isUnavailable(wrapped)).isTrue();
  }

  @Test
  void connectionAndShutdownSqlStatesAreOutages() {
    assertThat(DependencyFailures.isUnavailable(new SQLException("gone", "08006"))).isTrue();
    assertThat(DependencyFailures.isUnavailable(new SQLException("bye", "57P01"))).isTrue();
    assertThat(DependencyFailures.isUnavailable(new SQLException("busy", "53300"))).isTrue();
  }

  @Test
  void aReactiveClientErrorIsReadByItsSqlState() {
    assertThat(DependencyFailures.isUnavailable(new ReactiveDbError("57P03"))).isTrue();
    assertThat(DependencyFailures.isUnavailable(new ReactiveDbError("23505"))).isFalse();
  }

  @Test
  void constraintViolationsAndBugsAreNotOutages() {
    assertThat(DependencyFailures.isUnavailable(new SQLException("dup", "23505"))).isFalse();
    assertThat(DependencyFailures.isUnavailable(new NullPointerException())).isFalse();
    assertThat(
            DependencyFailures.isUnavailable(
                new UncheckedIOException(new java.io.IOException("disk"))))
        .isFalse();
  }

  /** Stands in for a reactive driver's exception, which exposes {@code getSqlState()}. */
  static final class ReactiveDbError extends RuntimeException {
    private final String state;

    ReactiveDbError(String state) {
      super("db error " + state);
      this.state = state;
    }

    public String getSqlState() {
      return state;
    }
  }
}
