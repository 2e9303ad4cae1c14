package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Processing from the inbox: claims, retries with backoff, dead-lettering, redelivery. */
class InboxProcessingTest extends InboxTestBase {

  @Test
  void aClaimedDeliveryIsNotClaimedTwice() {
    for (int i = 0; i < 30; i++) {
      await(inbox.store(delivery("d-" + i, "conn-" + (i % 3))));
    }
    List<Uni<List<ClaimedDelivery>>> claims = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      claims.add(newInbox().claimDue(10));
    }

    List<ClaimedDelivery> claimed =
        await(Uni.join().all(claims).andFailFast()).stream().flatMap(List::stream).toList();

    assertThat(claimed).extracting(ClaimedDelivery::deliveryId).doesNotHaveDuplicates().hasSize(30);
    assertThat(claimed).extracting(ClaimedDelivery::attempt).containsOnly(1);
  }

  @Test
  void doneDeliveriesLeaveTheQueue() {
    ClaimedDelivery claimed = storeAndClaim("d-1");

    assertThat(await(inbox.markDone(claimed))).isTrue();
    clock.advance(Duration.ofDays(1));

    assertThat(await(inbox.claimDue(10))).isEmpty();
    DeliverySummary summary = await(inbox.get(claimed.id(), "conn-1")).orElseThrow();
    assertThat(summary.status()).isEqualTo(DeliveryStatus.DONE);
    assertThat(summary.processedAt()).isEqualTo(clock.instant().minus(Duration.ofDays(1)));
  }

  @Test
  void aFailedDeliveryIsRetriedAfterTheBackoffAndIsDeadAfterMaxAttempts() {
    ClaimedDelivery attempt = storeAndClaim("d-1");
    for (int n = 1; n < MAX_ATTEMPTS; n++) {
      assertThat(await(inbox.markFailed(attempt, new RuntimeException("core down " + n))))
          .contains(DeliveryStatus.FAILED);
      clock.advance(BACKOFF.delay(n).minusSeconds(1));
      assertThat(await(inbox.claimDue(10))).isEmpty();
      clock.advance(Duration.ofSeconds(1));
      attempt = await(inbox.claimDue(10)).get(0);
      assertThat(attempt.attempt()).isEqualTo(n + 1);
    }

    assertThat(await(inbox.markFailed(attempt, new RuntimeException("core down again"))))
        .contains(DeliveryStatus.DEAD);
    clock.advance(Duration.ofDays(1));

    assertThat(await(inbox.claimDue(10))).isEmpty();
    DeliverySummary dead = await(inbox.get(attempt.id(), "conn-1")).orElseThrow();
    assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
    assertThat(dead.lastError()).isEqualTo("RuntimeException: core down again");
    assertThat(dead.nextAttemptAt()).isNull();
  }

  @Test
  void aPermanentFailureIsDeadAtOnce() {
    ClaimedDelivery claimed = storeAndClaim("d-1");

    assertThat(await(inbox.markDead(claimed, "Malformed payload"))).contains(DeliveryStatus.DEAD);
  }

  @Test
  void redeliverResetsADeadDelivery() {
    ClaimedDelivery claimed = storeAndClaim("d-1");
    await(inbox.markDead(claimed, "Malformed payload"));

    assertThat(await(inbox.redeliver(claimed.id(), "conn-1"))).isEqualTo(RedeliverResult.REQUEUED);

    DeliverySummary reset = await(inbox.get(claimed.id(), "conn-1")).orElseThrow();
    assertThat(reset.status()).isEqualTo(DeliveryStatus.RECEIVED);
    assertThat(reset.attempts()).isZero();
    assertThat(reset.lastError()).isNull();
    List<ClaimedDelivery> again = await(inbox.claimDue(10));
    assertThat(again).extracting(ClaimedDelivery::attempt).containsExactly(1);
  }

  @Test
  void redeliverIsScopedToTheConnectionAndWaitsForARunningAttempt() {
    ClaimedDelivery claimed = storeAndClaim("d-1");

    assertThat(await(inbox.redeliver(claimed.id(), "conn-2"))).isEqualTo(RedeliverResult.NOT_FOUND);
    assertThat(await(inbox.redeliver(claimed.id(), "conn-1")))
        .isEqualTo(RedeliverResult.IN_PROGRESS);
  }

  @Test
  void aLapsedClaimIsTakenOverAndTheOldClaimCanNoLongerFinish() {
    ClaimedDelivery first = storeAndClaim("d-1");

    clock.advance(TIMEOUT.plusSeconds(1));
    ClaimedDelivery second = await(inbox.claimDue(10)).get(0);

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(await(inbox.markDone(first))).isFalse();
    assertThat(await(inbox.markFailed(first, new RuntimeException("late"))))
        .isEqualTo(Optional.empty());
    assertThat(await(inbox.markDone(second))).isTrue();
  }

  @Test
  void aClaimThatLapsesOnTheLastAttemptGoesDead() {
    ClaimedDelivery attempt = storeAndClaim("d-1");
    for (int n = 1; n < MAX_ATTEMPTS; n++) {
      clock.advance(TIMEOUT.plusSeconds(1));
      attempt = await(inbox.claimDue(10)).get(0);
    }
    clock.advance(TIMEOUT.plusSeconds(1));

    assertThat(await(inbox.claimDue(10))).isEmpty();
    assertThat(await(inbox.get(attempt.id(), "conn-1")).orElseThrow().status())
        .isEqualTo(DeliveryStatus.DEAD);
  }
}
