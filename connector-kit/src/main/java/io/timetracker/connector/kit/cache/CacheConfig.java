package io.timetracker.connector.kit.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The connector's caches of its own rows ({@code connector.cache.*}), see {@link TableCaches}. */
@ConfigMapping(prefix = "connector.cache")
public interface CacheConfig {

  /** Whether rows are cached at all; off: every read goes to the database. */
  @WithDefault("true")
  boolean enabled();

  /** Longest time an entry is served, even when no change notice arrives. */
  @WithDefault("30s")
  Duration ttl();

  /** Entries per cache; the least recently used go first. */
  @WithDefault("10000")
  int maxEntries();

  /** How often a LISTEN connection that never came up is tried again. */
  @WithDefault("5s")
  Duration reconnectInterval();
}
