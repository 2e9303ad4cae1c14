package io.timetracker.connector.kit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.KitDatabase;
import io.timetracker.connector.kit.MutableClock;
import io.timetracker.connector.kit.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One scheduler tick over several connections, one of them failing or hanging. */
class JobRunnerTest {

  private static final String SYNC = "gcal-import";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 0);

  private static KitDatabase db;
  private MutableClock clock;
  private JobClaimer claimer;

  @BeforeAll
  static void database() {
    db = KitDatabase.migrated();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void emptyTable() {
    db.execute("truncate connector_job");
    clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  }

  private JobRunner runner(Duration lease) {
    claimer = new JobClaimer(db.pool(), clock, new JobPolicy(lease, BACKOFF));
    for (String id : new String[] {"a", "b", "c"}) {
      claimer.schedule(id, SYNC, clock.instant()).await().atMost(WAIT);
    }
    return new JobRunner(claimer);
  }

  private JobState state(String connectionId) {
    return claimer.find(connectionId, SYNC).await().atMost(WAIT).orElseThrow();
  }

  @Test
  void oneFailingConnectionIsRescheduledAndTheOthersComplete() {
    JobRunner runner = runner(Duration.ofMinutes(5));
    Instant next = clock.instant().plus(Duration.ofMinutes(15));
    Set<String> ran = ConcurrentHashMap.newKeySet();

    JobRunSummary summary =
        runner
            .runDue(
                SYNC,
                10,
                job -> {
                  ran.add(job.connectionId());
                  if (job.connectionId().equals("b")) {
                    throw new IllegalStateException("provider said 500");
                  }
                  return Uni.createFrom().item(next);
                })
            .await()
            .atMost(WAIT);

    assertThat(summary).isEqualTo(new JobRunSummary(3, 2, 1));
    assertThat(ran).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(state("a").dueAt()).isEqualTo(next);
    assertThat(state("c").dueAt()).isEqualTo(next);
    assertThat(state("b").dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(state("b").lastError()).isEqualTo("IllegalStateException: provider said 500");
  }

  @Test
  void aHangingConnectionTimesOutWithoutHoldingUpTheOthers() {
    JobRunner runner = runner(Duration.ofMillis(400));
    Instant next = clock.instant().plus(Duration.ofMinutes(15));

    JobRunSummary summary =
        runner
            .runDue(
                SYNC,
                10,
                job ->
                    job.connectionId().equals("a")
                        ? Uni.createFrom().nothing()
                        : Uni.createFrom().item(next))
            .await()
            .atMost(WAIT);

    assertThat(summary).isEqualTo(new JobRunSummary(3, 2, 1));
    assertThat(state("a").attempts()).isEqualTo(1);
    assertThat(state("a").lastError()).contains("TimeoutException");
    assertThat(state("b").dueAt()).isEqualTo(next);
  }

  @Test
  void nothingDueMeansNothingRuns() {
    JobRunner runner = runner(Duration.ofMinutes(5));
    runner
        .runDue(SYNC, 10, job -> Uni.createFrom().item(clock.instant().plusSeconds(60)))
        .await()
        .atMost(WAIT);

    JobRunSummary second =
        runner.runDue(SYNC, 10, job -> Uni.createFrom().item(clock.instant())).await().atMost(WAIT);

    assertThat(second).isEqualTo(new JobRunSummary(0, 0, 0));
  }
}
