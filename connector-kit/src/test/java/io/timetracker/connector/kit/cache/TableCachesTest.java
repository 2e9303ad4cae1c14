package io.timetracker.connector.kit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.KitDatabase;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row caches against the real database: a committed change of the table, by any session, empties
 * the caches of every replica (their own LISTEN connections); nothing is cached while changes
 * cannot be heard; a value read while a change went by is not kept; the size is bounded.
 */
class TableCachesTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private KitDatabase db;
  private final List<TableCaches> started = new ArrayList<>();

  @BeforeEach
  void database() {
    db = KitDatabase.migrated();
    db.execute(
        "CREATE TABLE workspace (id text PRIMARY KEY, secret text NOT NULL)",
        "INSERT INTO workspace VALUES ('T1', 'first')",
        "CREATE TRIGGER trg_workspace_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON"
            + " workspace FOR EACH STATEMENT EXECUTE FUNCTION connector_cache_notify()",
        "CREATE TABLE other_table (id text PRIMARY KEY)",
        "CREATE TRIGGER trg_other_table_cache AFTER INSERT OR UPDATE OR DELETE ON other_table"
            + " FOR EACH STATEMENT EXECUTE FUNCTION connector_cache_notify()");
  }

  @AfterEach
  void stop() {
    started.forEach(c -> c.stop(null));
    db.close();
  }

  @Test
  void aCachedRowIsReadOnceAndReadAgainInEveryReplicaAfterACommittedChange() {
    TableCaches replicaA = listening(config(true, 10));
    TableCaches replicaB = listening(config(true, 10));
    TableCache<String, String> a = replicaA.cache("workspace");
    TableCache<String, String> b = replicaB.cache("workspace");
    AtomicInteger reads = new AtomicInteger();

    assertThat(get(a, "T1", reads)).isEqualTo("first");
    assertThat(get(b, "T1", reads)).isEqualTo("first");
    assertThat(get(a, "T1", reads)).isEqualTo("first");
    assertThat(get(b, "T1", reads)).isEqualTo("first");
    assertThat(reads).hasValue(2);

    db.execute("UPDATE workspace SET secret = 'second' WHERE id = 'T1'");

    Awaitility.await().atMost(WAIT).until(() -> a.size() == 0 && b.size() == 0);
    assertThat(get(a, "T1", reads)).isEqualTo("second");
    assertThat(get(b, "T1", reads)).isEqualTo("second");
    assertThat(reads).hasValue(4);
  }

  @Test
  void aRolledBackChangeOrAnotherTablesChangeLeavesTheCacheAlone() {
    TableCaches replica = listening(config(true, 10));
    TableCache<String, String> cache = replica.cache("workspace");
    TableCache<String, String> other = replica.cache("other_table");
    AtomicInteger reads = new AtomicInteger();
    get(cache, "T1", reads);
    get(other, "T1", reads);

    db.execute("BEGIN", "UPDATE workspace SET secret = 'never' WHERE id = 'T1'", "ROLLBACK");
    db.execute("INSERT INTO other_table VALUES ('x')");

    // notices arrive in commit order: once the later change's is in, a notice of the rolled-back
    // one would have been too
    Awaitility.await().atMost(WAIT).until(() -> other.size() == 0);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(get(cache, "T1", reads)).isEqualTo("first");
    assertThat(reads).hasValue(2);
  }

  @Test
  void nothingIsCachedWhileChangesCannotBeHeard() {
    TableCaches notListening =
        new TableCaches(
            config(true, 10), null, Optional.empty(), Optional.empty(), Optional.empty());
    TableCache<String, String> cache = notListening.cache("workspace");
    AtomicInteger reads = new AtomicInteger();

    get(cache, "T1", reads);
    get(cache, "T1", reads);

    assertThat(reads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void switchedOffEveryReadGoesToTheDatabase() {
    TableCaches off = listening(config(false, 10));
    TableCache<String, String> cache = off.cache("workspace");
    AtomicInteger reads = new AtomicInteger();

    get(cache, "T1", reads);
    get(cache, "T1", reads);

    assertThat(reads).hasValue(2);
  }

  @Test
  void aValueReadWhileAChangeWentByIsNotKept() {
    TableCache<String, String> cache =
        new TableCache<>("workspace", 10, Duration.ofMinutes(1), () -> true);
    AtomicInteger reads = new AtomicInteger();

    String first =
        cache
            .get(
                "T1",
                k -> {
                  reads.incrementAndGet();
                  cache.invalidateAll(); // a change's notice arrives while the row is being read
                  return Uni.createFrom().item("old");
                })
            .await()
            .indefinitely();

    assertThat(first).isEqualTo("old");
    assertThat(cache.size()).isZero();
    assertThat(cache.get("T1", k -> Uni.createFrom().item("new")).await().indefinitely())
        .isEqualTo("new");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void holdsAtMostMaxEntries() {
    TableCache<String, String> cache =
        new TableCache<>("workspace", 5, Duration.ofMinutes(1), () -> true);

    for (int i = 0; i < 100; i++) {
      cache.get("T" + i, k -> Uni.createFrom().item(k)).await().indefinitely();
    }

    assertThat(cache.size()).isLessThanOrEqualTo(5);
  }

  private TableCaches listening(CacheConfig config) {
    PgConnectOptions o = db.connectOptions();
    TableCaches caches =
        new TableCaches(
            config,
            db.vertx(),
            Optional.of("postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase()),
            Optional.of(o.getUser()),
            Optional.of(o.getPassword()));
    caches.start(null);
    started.add(caches);
    if (config.enabled()) {
      Awaitility.await().atMost(WAIT).until(caches::listening);
    }
    return caches;
  }

  private String get(TableCache<String, String> cache, String id, AtomicInteger reads) {
    return cache
        .get(
            id,
            key -> {
              reads.incrementAndGet();
              List<String> rows =
                  db.strings("SELECT secret FROM workspace WHERE id = '" + key + "'");
              return Uni.createFrom().item(rows.isEmpty() ? "none" : rows.get(0));
            })
        .await()
        .indefinitely();
  }

  private static CacheConfig config(boolean enabled, int maxEntries) {
    return new CacheConfig() {
      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public Duration ttl() {
        return Duration.ofMinutes(5);
      }

      @Override
      public int maxEntries() {
        return maxEntries;
      }

      @Override
      public Duration reconnectInterval() {
        return Duration.ofSeconds(1);
      }
    };
  }
}
