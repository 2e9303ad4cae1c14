package io.timetracker.connector.kit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finishing a claimed job: success, failure with backoff, run-now requests, removal. */
class JobOutcomeTest extends JobClaimerTestBase {

  @Test
  void aFailingJobIsPushedBackWithBackoffWhileOthersProceed() {
    scheduleDueNow(3);
    List<ClaimedJob> claimed = await(claimer.claimDue(SYNC, 10));
    Instant next = clock.instant().plus(Duration.ofMinutes(30));
    for (ClaimedJob job : claimed) {
      if (job.connectionId().equals("conn-2")) {
        await(
            claimer.fail(
                job,
                new IllegalStateException("401 with ghp_" + "abcdefghijklmnopqrstuvwxyz0123")));
      } else {
        await(claimer.complete(job, next));
      }
    }

    JobState failed = await(claimer.find("conn-2", SYNC)).orElseThrow();
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(failed.leaseOwner()).isNull();
    assertThat(failed.lastError()).isEqualTo("IllegalStateException: 401 with ghp_…0123");
    assertThat(await(claimer.find("conn-1", SYNC)).orElseThrow().dueAt()).isEqualTo(next);

    clock.advance(Duration.ofMinutes(1));
    List<ClaimedJob> retry = await(claimer.claimDue(SYNC, 10));
    assertThat(retry).extracting(ClaimedJob::connectionId).containsExactly("conn-2");
    assertThat(retry.get(0).failures()).isEqualTo(1);
  }

  @Test
  void consecutiveFailuresBackOffExponentiallyAndASuccessResetsThem() {
    scheduleDueNow(1);
    for (int failure = 1; failure <= 3; failure++) {
      ClaimedJob job = await(claimer.claimDue(SYNC, 1)).get(0);
      await(claimer.fail(job, new RuntimeException("boom")));
      clock.advance(BACKOFF.delay(failure));
    }
    assertThat(await(claimer.find("conn-1", SYNC)).orElseThrow().attempts()).isEqualTo(3);

    ClaimedJob job = await(claimer.claimDue(SYNC, 1)).get(0);
    await(claimer.complete(job, clock.instant().plusSeconds(60)));

    JobState state = await(claimer.find("conn-1", SYNC)).orElseThrow();
    assertThat(state.attempts()).isZero();
    assertThat(state.lastError()).isNull();
    assertThat(state.lastRunAt()).isEqualTo(clock.instant());
  }

  @Test
  void aRunNowRequestedDuringARunIsKept() {
    scheduleDueNow(1);
    ClaimedJob job = await(claimer.claimDue(SYNC, 1)).get(0);
    clock.advance(Duration.ofSeconds(5));
    await(claimer.schedule("conn-1", SYNC, clock.instant()));

    await(claimer.complete(job, clock.instant().plus(Duration.ofHours(1))));

    assertThat(await(claimer.find("conn-1", SYNC)).orElseThrow().dueAt())
        .isEqualTo(clock.instant());
  }

  @Test
  void ensureScheduledCreatesOnceAndUnscheduleRemovesAConnectionsJobs() {
    assertThat(await(claimer.ensureScheduled("conn-1", SYNC, clock.instant()))).isTrue();
    assertThat(await(claimer.ensureScheduled("conn-1", SYNC, clock.instant().plusSeconds(9))))
        .isFalse();
    await(claimer.schedule("conn-1", "other", clock.instant()));

    assertThat(await(claimer.unschedule("conn-1"))).isEqualTo(2);
    assertThat(await(claimer.find("conn-1", SYNC))).isEmpty();
  }
}
