package io.timetracker.connector.kit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Claiming: replicas never share a connection, leases lapse, limits hold. */
class JobClaimingTest extends JobClaimerTestBase {

  @Test
  void concurrentClaimersNeverGetTheSameConnection() {
    scheduleDueNow(60);
    List<Uni<List<ClaimedJob>>> claims = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // separate claimers as separate replicas would be, racing on the same rows
      claims.add(
          new JobClaimer(db.pool(), clock, new JobPolicy(LEASE, BACKOFF)).claimDue(SYNC, 15));
    }

    List<List<ClaimedJob>> results = await(Uni.join().all(claims).andFailFast());

    List<String> claimed =
        results.stream().flatMap(List::stream).map(ClaimedJob::connectionId).toList();
    assertThat(claimed).doesNotHaveDuplicates().hasSize(60);
    assertThat(await(claimer.claimDue(SYNC, 100))).isEmpty();
  }

  @Test
  void aLeasedJobIsNotClaimedAgainBeforeItsLeaseLapses() {
    scheduleDueNow(1);
    assertThat(await(claimer.claimDue(SYNC, 10))).hasSize(1);

    clock.advance(LEASE.minusSeconds(1));

    assertThat(await(claimer.claimDue(SYNC, 10))).isEmpty();
  }

  @Test
  void anExpiredLeaseIsReclaimedAndTheFormerHolderCanNoLongerFinish() {
    scheduleDueNow(1);
    ClaimedJob first = await(claimer.claimDue(SYNC, 10)).get(0);

    clock.advance(LEASE.plusSeconds(1));
    List<ClaimedJob> again = await(claimer.claimDue(SYNC, 10));

    assertThat(again).extracting(ClaimedJob::connectionId).containsExactly("conn-1");
    assertThat(again.get(0).leaseToken()).isNotEqualTo(first.leaseToken());
    assertThat(await(claimer.complete(first, clock.instant().plusSeconds(3600)))).isFalse();
    assertThat(await(claimer.complete(again.get(0), clock.instant().plusSeconds(3600)))).isTrue();
  }

  @Test
  void claimsOnlyDueRowsOfTheRequestedJob() {
    await(claimer.schedule("conn-1", SYNC, clock.instant()));
    await(claimer.schedule("conn-2", SYNC, clock.instant().plusSeconds(60)));
    await(claimer.schedule("conn-3", "slack-summary", clock.instant()));

    assertThat(await(claimer.claimDue(SYNC, 10)))
        .extracting(ClaimedJob::connectionId)
        .containsExactly("conn-1");
  }

  @Test
  void claimsRespectTheLimitOldestFirst() {
    Set<String> expected = new HashSet<>();
    for (int i = 1; i <= 5; i++) {
      await(claimer.schedule("conn-" + i, SYNC, clock.instant().minusSeconds(100 - i)));
      if (i <= 2) {
        expected.add("conn-" + i);
      }
    }

    assertThat(await(claimer.claimDue(SYNC, 2)))
        .extracting(ClaimedJob::connectionId)
        .containsExactlyInAnyOrderElementsOf(expected);
  }
}
