package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.KitDatabase;
import io.timetracker.connector.kit.MutableClock;
import io.timetracker.connector.kit.retry.Backoff;
import io.timetracker.connector.kit.signature.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Shared set-up of the inbox tests: real PostgreSQL, reactive client, a hand-moved clock. */
abstract class InboxTestBase {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final int MAX_ATTEMPTS = 3;
  static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(30), 0);
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  static KitDatabase db;
  MutableClock clock;
  Inbox inbox;

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
    db.execute("truncate inbox_delivery");
    clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    inbox = newInbox();
  }

  Inbox newInbox() {
    return new Inbox(
        db.pool(),
        clock,
        new InboxPolicy(MAX_ATTEMPTS, BACKOFF, TIMEOUT, HeaderWhitelist.defaults()));
  }

  static <T> T await(Uni<T> uni) {
    return uni.await().atMost(WAIT);
  }

  static IncomingDelivery delivery(String deliveryId, String connectionId) {
    return new IncomingDelivery(
        "github",
        deliveryId,
        connectionId,
        "issues",
        "opened",
        ("{\"action\":\"opened\",\"id\":\"" + deliveryId + "\"}").getBytes(StandardCharsets.UTF_8),
        Headers.ofSingle(
            Map.of(
                "X-GitHub-Event", "issues",
                "X-GitHub-Delivery", deliveryId,
                "X-Hub-Signature-256", "sha256=00",
                "Authorization", "token ghp_" + "abcdefghijklmnopqrstuvwxyz0123",
                "User-Agent", "GitHub-Hookshot/abc")));
  }

  ClaimedDelivery storeAndClaim(String deliveryId) {
    await(inbox.store(delivery(deliveryId, "conn-1")));
    List<ClaimedDelivery> claimed = await(inbox.claimDue(10));
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }
}
