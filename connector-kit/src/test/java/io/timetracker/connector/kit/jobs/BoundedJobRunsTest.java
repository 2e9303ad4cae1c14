package io.timetracker.connector.kit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.KitDatabase;
import io.timetracker.connector.kit.MutableClock;
import io.timetracker.connector.kit.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A replica's cap on concurrent runs of one job, over the real connector_job table. */
class BoundedJobRunsTest {

  private static final String JOB = "gcal-import";
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
  void fiveDueConnections() {
    db.execute("truncate connector_job");
    clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    claimer = new JobClaimer(db.pool(), clock, new JobPolicy(Duration.ofMinutes(5), BACKOFF));
    for (String id : new String[] {"a", "b", "c", "d", "e"}) {
      claimer.schedule(id, JOB, clock.instant()).await().atMost(WAIT);
    }
  }

  @Test
  void claimsOnlyFreeSlotsAndLeavesTheRestDueForOtherReplicas() throws InterruptedException {
    Map<String, CompletableFuture<Instant>> inFlight = new ConcurrentHashMap<>();
    CountDownLatch twoStarted = new CountDownLatch(2);
    BoundedJobRuns runs =
        new BoundedJobRuns(
            claimer,
            new JobRunner(claimer),
            JOB,
            () -> 2,
            job -> {
              CompletableFuture<Instant> done = new CompletableFuture<>();
              inFlight.put(job.connectionId(), done);
              twoStarted.countDown();
              return Uni.createFrom().completionStage(done);
            });

    CompletableFuture<Integer> first = runs.runDue().subscribeAsCompletionStage();
    assertThat(twoStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(runs.runDue().await().atMost(WAIT)).isZero();
    assertThat(runs.running()).isEqualTo(2);
    assertThat(claimer.claimDue(JOB, 10).await().atMost(WAIT)).hasSize(3);

    Instant later = clock.instant().plus(Duration.ofMinutes(30));
    inFlight.values().forEach(f -> f.complete(later));
    assertThat(first.join()).isEqualTo(2);
    assertThat(runs.running()).isZero();
    assertThat(inFlight).hasSize(2);
  }

  @Test
  void failedRunFreesItsSlotAndIsRescheduled() {
    BoundedJobRuns runs =
        new BoundedJobRuns(
            claimer,
            new JobRunner(claimer),
            JOB,
            () -> 5,
            job ->
                job.connectionId().equals("c")
                    ? Uni.createFrom().failure(new IllegalStateException("provider said 500"))
                    : Uni.createFrom().item(clock.instant().plus(Duration.ofMinutes(30))));

    assertThat(runs.runDue().await().atMost(WAIT)).isEqualTo(5);

    assertThat(runs.running()).isZero();
    assertThat(claimer.find("c", JOB).await().atMost(WAIT).orElseThrow().attempts()).isEqualTo(1);
    assertThat(runs.runDue().await().atMost(WAIT)).isZero();
  }
}
