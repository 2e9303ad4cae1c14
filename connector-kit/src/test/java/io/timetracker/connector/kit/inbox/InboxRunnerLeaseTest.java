package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.timetracker.contracts.client.CoreConflictException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leases, retries and retention with a hand-moved clock: a lease that would lapse mid-item is
 * extended and the item is never processed twice; a retry conflict of the core is retried and
 * succeeds; finished rows are pruned after the retention.
 */
class InboxRunnerLeaseTest extends InboxTestBase {

  @Test
  void aLeaseThatWouldLapseMidItemIsExtendedAndTheItemIsNotClaimedTwice() {
    CompletableFuture<ProcessOutcome> release = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    InboxRunner first = runner(handler(calls, d -> Uni.createFrom().completionStage(release)));
    InboxRunner second = runner(handler(calls, d -> Uni.createFrom().item(ProcessOutcome.done())));
    await(inbox.store(RecordingHandler.delivery("issue-1", 1)));

    UniAssertSubscriber<Integer> working =
        first.runOnce().subscribe().withSubscriber(UniAssertSubscriber.create());
    awaitInFlight(first);
    clock.advance(TIMEOUT.multipliedBy(2).dividedBy(3));
    assertThat(await(first.extendLeases())).isEqualTo(1);
    clock.advance(TIMEOUT.multipliedBy(2).dividedBy(3));

    assertThat(await(second.runOnce())).isZero();
    release.complete(ProcessOutcome.done());
    working.awaitItem(WAIT).assertItem(1);
    assertThat(calls).hasValue(1);
    assertThat(db.strings("select status || ':' || attempts from inbox_delivery"))
        .containsExactly("done:1");
  }

  @Test
  void withoutExtensionALapsedLeaseIsClaimedAgainAndTheFirstOutcomeIsRefused() {
    CompletableFuture<ProcessOutcome> release = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    InboxRunner first = runner(handler(calls, d -> Uni.createFrom().completionStage(release)));
    InboxRunner second = runner(handler(calls, d -> Uni.createFrom().item(ProcessOutcome.done())));
    await(inbox.store(RecordingHandler.delivery("issue-1", 1)));
    UniAssertSubscriber<Integer> working =
        first.runOnce().subscribe().withSubscriber(UniAssertSubscriber.create());
    awaitInFlight(first);

    clock.advance(TIMEOUT.plusSeconds(1));

    assertThat(await(second.runOnce())).isEqualTo(1);
    release.complete(ProcessOutcome.done());
    working.awaitItem(WAIT);
    assertThat(db.strings("select status || ':' || attempts from inbox_delivery"))
        .containsExactly("done:2");
  }

  @Test
  void aConcurrentUpsertConflictIsRetriedAndSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    InboxRunner runner =
        runner(
            handler(
                calls,
                d ->
                    d.attempt() == 1
                        ? Uni.createFrom()
                            .failure(new CoreConflictException("concurrent_upsert", "retry"))
                        : Uni.createFrom().item(ProcessOutcome.done())));
    await(inbox.store(RecordingHandler.delivery("issue-1", 1)));

    await(runner.runOnce());
    assertThat(db.strings("select status from inbox_delivery")).containsExactly("failed");
    clock.advance(BACKOFF.max());
    await(runner.runOnce());

    assertThat(db.strings("select status || ':' || attempts from inbox_delivery"))
        .containsExactly("done:2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aFailedHeadHoldsBackTheLaterDeliveriesOfItsKeyOnly() {
    AtomicInteger calls = new AtomicInteger();
    InboxRunner runner =
        runner(
            handler(
                calls,
                d ->
                    d.deliveryId().equals("issue-1-1") && d.attempt() == 1
                        ? Uni.createFrom().failure(new java.io.IOException("reset"))
                        : Uni.createFrom().item(ProcessOutcome.done())));
    await(inbox.store(RecordingHandler.delivery("issue-1", 1)));
    await(inbox.store(RecordingHandler.delivery("issue-1", 2)));
    await(inbox.store(RecordingHandler.delivery("issue-2", 1)));

    await(runner.runOnce());
    await(runner.runOnce());

    assertThat(db.strings("select delivery_id || ':' || status from inbox_delivery order by seq"))
        .containsExactly("issue-1-1:failed", "issue-1-2:received", "issue-2-1:done");
    clock.advance(BACKOFF.max());
    await(runner.runOnce());
    await(runner.runOnce());
    assertThat(db.strings("select status from inbox_delivery")).containsOnly("done");
  }

  @Test
  void prunesOnlyFinishedDeliveriesOlderThanTheCutoff() {
    await(inbox.store(RecordingHandler.delivery("old-done", 1)));
    await(inbox.store(RecordingHandler.delivery("old-open", 1)));
    db.execute("update inbox_delivery set status = 'done' where delivery_id = 'old-done-1'");
    clock.advance(Duration.ofDays(31));
    await(inbox.store(RecordingHandler.delivery("new-done", 1)));
    db.execute("update inbox_delivery set status = 'dead' where delivery_id = 'new-done-1'");

    int deleted = await(inbox.prune(clock.instant().minus(Duration.ofDays(30)), 1));

    assertThat(deleted).isEqualTo(1);
    assertThat(db.strings("select delivery_id from inbox_delivery order by seq"))
        .containsExactly("old-open-1", "new-done-1");
  }

  private InboxRunner runner(InboxHandler<?> handler) {
    return new InboxRunner(
        newInbox(), List.of(handler), 4, db.vertx(), new SimpleMeterRegistry(), clock);
  }

  private void awaitInFlight(InboxRunner unused) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(() -> db.strings("select status from inbox_delivery").equals(List.of("processing")));
  }

  private static InboxHandler<String> handler(
      AtomicInteger calls, java.util.function.Function<ClaimedDelivery, Uni<ProcessOutcome>> body) {
    return new InboxHandler<>() {
      @Override
      public String provider() {
        return "test";
      }

      @Override
      public String parse(ClaimedDelivery delivery) {
        return delivery.deliveryId();
      }

      @Override
      public Uni<ProcessOutcome> process(ClaimedDelivery delivery, String event) {
        calls.incrementAndGet();
        return body.apply(delivery);
      }
    };
  }
}
