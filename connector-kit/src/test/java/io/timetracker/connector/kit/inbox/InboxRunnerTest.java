package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.timetracker.pgnotify.PgChannelListener;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner against the real database, woken by real NOTIFYs: order per key under concurrency, and
 * two runners (separate pools, as two replicas) sharing one inbox.
 */
class InboxRunnerTest extends InboxTestBase {

  private static final int KEYS = 40;
  private static final int PER_KEY = 10;

  private final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stopRunners() throws Exception {
    for (AutoCloseable c : started) {
      c.close();
    }
  }

  @Test
  void appliesEachKeysDeliveriesInArrivalOrderWhileKeysRunInParallel() {
    RecordingHandler handler = new RecordingHandler("a");
    InboxRunner runner = startRunner(db.pool(), handler, 8);

    storeInterleaved();

    awaitAllDone();
    assertThat(handler.log).hasSize(KEYS);
    handler.log.values().forEach(n -> assertThat(n).isEqualTo(oneToTen()));
    assertThat(handler.overlaps).isEmpty();
    assertThat(handler.processedBy).hasSize(KEYS * PER_KEY);
    assertThat(runner.inFlight()).isZero();
  }

  @Test
  void twoRunnersOnOneInboxProcessEveryDeliveryOnceInKeyOrder() {
    RecordingHandler shared = new RecordingHandler("shared");
    Pool second = db.newPool();
    started.add(second::closeAndAwait);
    startRunner(db.pool(), shared, 6);
    startRunner(second, shared, 6);

    storeInterleaved();

    awaitAllDone();
    handlerLogInOrder(shared);
    assertThat(shared.processedBy).hasSize(KEYS * PER_KEY).doesNotHaveDuplicates();
    assertThat(shared.overlaps).isEmpty();
    assertThat(db.strings("select max(attempts) from inbox_delivery")).containsExactly("1");
  }

  @Test
  void aHandlerThatLooksAheadSeesTheNextStoredDeliveryOfTheSameKeyOnly() {
    LookingAhead handler = new LookingAhead();
    Inbox writer = newInbox();
    for (String d : List.of("a|1", "a|2", "b|1", "a|3")) {
      String[] kn = d.split("\\|");
      await(writer.store(RecordingHandler.delivery(kn[0], Integer.parseInt(kn[1]))));
    }
    InboxRunner runner =
        new InboxRunner(
            writer, List.of(handler), 4, true, db.vertx(), new SimpleMeterRegistry(), clock);

    while (await(runner.runOnce()) > 0) {
      // until nothing is due
    }

    assertThat(handler.seen)
        .containsOnly(
            java.util.Map.entry("a-1", "a-2"),
            java.util.Map.entry("a-2", "a-3"),
            java.util.Map.entry("a-3", "-"),
            java.util.Map.entry("b-1", "-"));
  }

  @Test
  void withLookAheadOffTheHandlerIsCalledWithoutTheNextDelivery() {
    LookingAhead handler = new LookingAhead();
    Inbox writer = newInbox();
    await(writer.store(RecordingHandler.delivery("a", 1)));
    await(writer.store(RecordingHandler.delivery("a", 2)));
    InboxRunner runner =
        new InboxRunner(
            writer, List.of(handler), 4, false, db.vertx(), new SimpleMeterRegistry(), clock);

    while (await(runner.runOnce()) > 0) {
      // until nothing is due
    }

    assertThat(handler.seen).isEmpty();
    assertThat(handler.plain).containsExactly("a-1", "a-2");
  }

  /** Notes, per delivery, the delivery id the runner showed as next of its key ("-": none). */
  private static final class LookingAhead extends RecordingHandler {
    final java.util.Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> plain = new java.util.concurrent.CopyOnWriteArrayList<>();

    LookingAhead() {
      super("ahead");
    }

    @Override
    public boolean looksAhead() {
      return true;
    }

    @Override
    public io.smallrye.mutiny.Uni<ProcessOutcome> process(ClaimedDelivery d, String[] event) {
      plain.add(d.deliveryId());
      return super.process(d, event);
    }

    @Override
    public io.smallrye.mutiny.Uni<ProcessOutcome> process(
        ClaimedDelivery d, String[] event, java.util.Optional<ClaimedDelivery> next) {
      seen.put(d.deliveryId(), next.map(ClaimedDelivery::deliveryId).orElse("-"));
      return super.process(d, event);
    }
  }

  private void handlerLogInOrder(RecordingHandler handler) {
    assertThat(handler.log).hasSize(KEYS);
    handler.log.forEach((key, n) -> assertThat(n).as(key).isEqualTo(oneToTen()));
  }

  private InboxRunner startRunner(Pool pool, InboxHandler<?> handler, int concurrency) {
    Inbox own =
        new Inbox(
            pool,
            Clock.systemUTC(),
            new InboxPolicy(MAX_ATTEMPTS, BACKOFF, TIMEOUT, HeaderWhitelist.defaults()));
    InboxRunner runner =
        new InboxRunner(
            own, List.of(handler), concurrency, db.vertx(), new SimpleMeterRegistry(), clock);
    PgChannelListener listener =
        new PgChannelListener(db.vertx(), db.connectOptions(), InboxRunnerLifecycle.CHANNEL);
    listener.listen(runner::wake);
    runner.start();
    started.add(runner::stop);
    started.add(listener::close);
    return runner;
  }

  // the keys' deliveries arrive interleaved, one statement each, as webhooks would
  private void storeInterleaved() {
    Inbox writer =
        new Inbox(
            db.pool(),
            Clock.systemUTC(),
            new InboxPolicy(MAX_ATTEMPTS, BACKOFF, TIMEOUT, HeaderWhitelist.defaults()));
    for (int n = 1; n <= PER_KEY; n++) {
      for (int k = 0; k < KEYS; k++) {
        await(writer.store(RecordingHandler.delivery("issue-" + k, n)));
      }
    }
  }

  private void awaitAllDone() {
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                db.strings("select count(*) from inbox_delivery where status = 'done'")
                    .equals(List.of(String.valueOf(KEYS * PER_KEY))));
  }

  private static List<Integer> oneToTen() {
    return IntStream.rangeClosed(1, PER_KEY).boxed().toList();
  }
}
