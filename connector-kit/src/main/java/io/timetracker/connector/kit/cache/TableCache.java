package io.timetracker.connector.kit.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A bounded, short-lived cache of values read from one table (made by {@link TableCaches}): at most
 * {@code max-entries}, each for at most {@code ttl}, emptied whenever the table changes in any
 * replica. While changes cannot be heard (no LISTEN connection) nothing is served from it or put in
 * it. A value loaded while a change went by is not kept, so a read never brings back what a
 * committed change replaced.
 *
 * @param <K> key
 * @param <V> value (never null; wrap absence in {@link java.util.Optional})
 */
public final class TableCache<K, V> {

  private final String table;
  private final Cache<K, V> entries;
  private final BooleanSupplier usable;
  private final AtomicLong generation = new AtomicLong();

  TableCache(String table, int maxEntries, Duration ttl, BooleanSupplier usable) {
    this.table = table;
    this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    this.usable = usable;
  }

  /** The table whose changes empty this cache. */
  public String table() {
    return table;
  }

  /** The cached value of {@code key}, else {@code load}'s (kept when nothing changed meanwhile). */
  public Uni<V> get(K key, Function<K, Uni<V>> load) {
    if (!usable.getAsBoolean()) {
      invalidateAll();
      return load.apply(key);
    }
    V cached = entries.getIfPresent(key);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    long seen = generation.get();
    return load.apply(key).invoke(value -> keep(key, value, seen));
  }

  /** Forgets one key (in this replica only). */
  public void invalidate(K key) {
    generation.incrementAndGet();
    entries.invalidate(key);
  }

  /** Forgets everything (in this replica only). */
  public void invalidateAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }

  /** Entries held now (for tests and metrics). */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  private void keep(K key, V value, long seen) {
    if (value == null || !usable.getAsBoolean()) {
      return;
    }
    entries.put(key, value);
    if (generation.get() != seen) {
      // a change went by while the value was read: it may be the old one
      entries.invalidate(key);
    }
  }
}
