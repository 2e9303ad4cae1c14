package io.timetracker.connector.kit.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.KitDatabase;
import io.timetracker.connector.kit.MutableClock;
import io.timetracker.connector.kit.crypto.Keysets;
import io.timetracker.connector.kit.crypto.SecretCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthStateStoreTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration TTL = Duration.ofMinutes(10);
  private static KitDatabase db;
  private MutableClock clock;
  private OAuthStateStore store;

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
    db.execute("truncate oauth_state");
    clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    store =
        new OAuthStateStore(db.pool(), clock, new SecretCipher(Optional.of(Keysets.generate())));
  }

  @Test
  void consumedStateGivesBackItsOwnerAndVerifier() {
    AuthorizationRequest started = await(store.begin("google", "alice", 11L, "back", TTL));

    Optional<PendingAuthorization> pending = await(store.consume("google", started.state()));

    assertThat(pending).isPresent();
    assertThat(pending.get().subject()).isEqualTo("alice");
    assertThat(pending.get().userId()).isEqualTo(11L);
    assertThat(pending.get().context()).isEqualTo("back");
    assertThat(pending.get().codeVerifier()).isEqualTo(started.pkce().verifier());
  }

  @Test
  void stateWorksOnlyOnce() {
    AuthorizationRequest started = await(store.begin("google", "alice", 11L, null, TTL));
    await(store.consume("google", started.state()));

    assertThat(await(store.consume("google", started.state()))).isEmpty();
  }

  @Test
  void concurrentCallbacksWithOneStateSucceedOnce() {
    AuthorizationRequest started = await(store.begin("google", "alice", 11L, null, TTL));

    List<Optional<PendingAuthorization>> results =
        await(
            Uni.join()
                .all(
                    IntStream.range(0, 8)
                        .mapToObj(i -> store.consume("google", started.state()))
                        .toList())
                .andFailFast());

    assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void expiredStateIsRefused() {
    AuthorizationRequest started = await(store.begin("google", "alice", 11L, null, TTL));
    clock.advance(TTL.plusSeconds(1));

    assertThat(await(store.consume("google", started.state()))).isEmpty();
  }

  @Test
  void stateOfAnotherProviderIsRefused() {
    AuthorizationRequest started = await(store.begin("slack", "alice", 11L, null, TTL));

    assertThat(await(store.consume("google", started.state()))).isEmpty();
  }

  @Test
  void unknownOrBlankStateIsRefused() {
    assertThat(await(store.consume("google", "nope"))).isEmpty();
    assertThat(await(store.consume("google", ""))).isEmpty();
    assertThat(await(store.consume("google", null))).isEmpty();
  }

  @Test
  void neitherStateNorVerifierIsStoredInPlaintext() {
    AuthorizationRequest started = await(store.begin("google", "alice", 11L, null, TTL));

    List<String> stored = db.strings("select state_hash || ' ' || code_verifier from oauth_state");

    assertThat(stored).hasSize(1);
    assertThat(stored.get(0))
        .doesNotContain(started.state())
        .doesNotContain(started.pkce().verifier())
        .contains("enc:v1:");
  }

  @Test
  void pruneDeletesOnlyExpiredStates() {
    await(store.begin("google", "alice", 11L, null, Duration.ofMinutes(1)));
    await(store.begin("google", "bob", 12L, null, TTL));
    clock.advance(Duration.ofMinutes(2));

    assertThat(await(store.pruneExpired(100))).isEqualTo(1);
    assertThat(db.strings("select subject from oauth_state")).containsExactly("bob");
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(WAIT);
  }
}
