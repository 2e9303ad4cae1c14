package io.timetracker.connector.kit.retry;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.failure.DependencyFailures;
import java.time.Duration;

/**
 * A step on a connector's own database taken while it consumes a Kafka record, tried again while
 * the database is unreachable (a restart, a failover) instead of failing the record into the
 * dead-letter topic, where nothing replays it by itself. The fault harness (deploy/local/faults.sh)
 * lost a Slack post that way during a PostgreSQL restart, and connector-gcal's export intake did
 * the same ({@code ExportTest.aStopReadWhileTheDatabaseIsDownIsQueuedOnceItIsBackNotDeadLettered}).
 * Retried from {@value #FIRST_MILLIS} ms doubling up to 10 s, for at most 10 minutes: a consumer
 * that waits this long needs its channel's {@code throttled.unprocessed-record-max-age.ms} above
 * that, or the channel is marked failed meanwhile. The step must be safe to repeat (idempotent
 * writes, reads); an effect outside the database belongs outside it, so that it is not repeated
 * because its record could not be written at once.
 */
public final class WhileDatabaseDown {

  /** First wait, in milliseconds. */
  public static final long FIRST_MILLIS = 500;

  /** Longest single wait. */
  public static final Duration MAX = Duration.ofSeconds(10);

  /** How long a step is tried before its failure passes through. */
  public static final Duration FOR = Duration.ofMinutes(10);

  private WhileDatabaseDown() {}

  /**
   * {@code step}, subscribed again after a failure that says the database cannot be reached ({@link
   * DependencyFailures#isUnavailable}: a refused or lost connection, a server shutting down); any
   * other failure (a bug, a constraint) passes through at once.
   */
  public static <T> Uni<T> retried(Uni<T> step) {
    return step.onFailure(DependencyFailures::isUnavailable)
        .retry()
        .withBackOff(Duration.ofMillis(FIRST_MILLIS), MAX)
        .expireIn(FOR.toMillis());
  }
}
