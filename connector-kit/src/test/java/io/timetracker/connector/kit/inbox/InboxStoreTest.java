package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storing deliveries: dedupe, what is kept, the delivery log. */
class InboxStoreTest extends InboxTestBase {

  @Test
  void aRepeatedDeliveryIdIsADuplicateAndStoresNoSecondRow() {
    StoreResult first = await(inbox.store(delivery("d-1", "conn-1")));
    StoreResult again = await(inbox.store(delivery("d-1", "conn-1")));

    assertThat(first.outcome()).isEqualTo(StoreResult.Outcome.STORED);
    assertThat(again.outcome()).isEqualTo(StoreResult.Outcome.DUPLICATE);
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(db.strings("select count(*) from inbox_delivery")).containsExactly("1");
  }

  @Test
  void theSameDeliveryIdFromAnotherProviderIsANewDelivery() {
    await(inbox.store(delivery("d-1", "conn-1")));
    IncomingDelivery slack =
        new IncomingDelivery(
            "slack", "d-1", "conn-1", "event_callback", null, new byte[] {1}, null);

    assertThat(await(inbox.store(slack)).duplicate()).isFalse();
  }

  @Test
  void theSameDeliveryIdForAnotherConnectionIsANewDelivery() {
    StoreResult first = await(inbox.store(delivery("d-1", "conn-1")));
    StoreResult other = await(inbox.store(delivery("d-1", "conn-2")));
    StoreResult again = await(inbox.store(delivery("d-1", "conn-2")));

    assertThat(other.duplicate()).isFalse();
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(again.duplicate()).isTrue();
    assertThat(again.id()).isEqualTo(other.id());
    assertThat(db.strings("select count(*) from inbox_delivery")).containsExactly("2");
  }

  @Test
  void aRepeatedDeliveryWithoutConnectionIsADuplicate() {
    IncomingDelivery unrouted =
        new IncomingDelivery("slack", "ev-1", null, "event_callback", null, new byte[] {1}, null);

    StoreResult first = await(inbox.store(unrouted));
    StoreResult again = await(inbox.store(unrouted));

    assertThat(again.duplicate()).isTrue();
    assertThat(again.id()).isEqualTo(first.id());
  }

  @Test
  void keepsTheDeliveryKeyForTheClaim() {
    IncomingDelivery keyed =
        new IncomingDelivery(
            "github", "d-key", "conn-1", "issues", "opened", new byte[] {1}, null, "octo/repo#7");
    await(inbox.store(keyed));

    ClaimedDelivery claimed = await(inbox.claimDue(1)).get(0);

    assertThat(claimed.deliveryKey()).isEqualTo("octo/repo#7");
  }

  @Test
  void concurrentDuplicatesStoreExactlyOneRow() {
    List<Uni<StoreResult>> stores = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      stores.add(inbox.store(delivery("d-race", "conn-1")));
    }

    List<StoreResult> results = await(Uni.join().all(stores).andFailFast());

    assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
    assertThat(results).extracting(StoreResult::id).containsOnly(results.get(0).id());
    assertThat(db.strings("select count(*) from inbox_delivery")).containsExactly("1");
  }

  @Test
  void storesOnlyWhitelistedHeadersAndTheExactPayloadBytes() {
    byte[] payload = {0x7b, (byte) 0xff, 0x00, (byte) 0xc3, 0x7d};
    await(
        inbox.store(
            new IncomingDelivery(
                "github",
                "d-bytes",
                "conn-1",
                "issues",
                null,
                payload,
                delivery("x", "y").headers())));

    ClaimedDelivery claimed = await(inbox.claimDue(1)).get(0);

    assertThat(claimed.payload()).containsExactly(payload);
    assertThat(claimed.headers())
        .containsOnlyKeys("x-github-event", "x-github-delivery", "user-agent")
        .containsEntry("x-github-event", "issues");
    assertThat(db.strings("select headers::text from inbox_delivery").get(0))
        .doesNotContainIgnoringCase("signature")
        .doesNotContain("ghp_");
  }

  @Test
  void listsAConnectionsDeliveriesNewestFirstInPages() {
    for (int i = 1; i <= 5; i++) {
      await(inbox.store(delivery("d-" + i, "conn-1")));
      clock.advance(Duration.ofSeconds(1));
    }
    await(inbox.store(delivery("other", "conn-2")));

    DeliveryPage first = await(inbox.list("conn-1", 0, 2));
    DeliveryPage last = await(inbox.list("conn-1", 2, 2));

    assertThat(first.items()).extracting(DeliverySummary::deliveryId).containsExactly("d-5", "d-4");
    assertThat(first.hasMore()).isTrue();
    assertThat(last.items()).extracting(DeliverySummary::deliveryId).containsExactly("d-1");
    assertThat(last.hasMore()).isFalse();
    assertThat(first.items().get(0).status()).isEqualTo(DeliveryStatus.RECEIVED);
  }
}
