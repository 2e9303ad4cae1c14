package io.timetracker.connector.kit.cache;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.timetracker.pgnotify.PgChannelListener;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Caches of a connector's own rows that every replica empties when the rows change: a statement
 * trigger on the table ({@code connector_cache_notify()}, db/changelog/connector-kit/cache.xml)
 * sends {@code NOTIFY connector_cache, '<table>'} at commit, and this bean, listening on its own
 * connection, empties that table's caches. When the LISTEN is (re-)established every cache is
 * emptied, since notices may have been missed; while it is down the caches are bypassed. So a
 * cached row is never older than the last change this replica could hear, and never older than
 * {@code connector.cache.ttl}.
 *
 * <p>Meant for rows read on every request and changed rarely (a workspace's credentials, a person's
 * link): a change empties the whole table's caches.
 */
@ApplicationScoped
public class TableCaches {

  /** The channel the trigger notifies; the payload is the table name. */
  public static final String CHANNEL = "connector_cache";

  private static final Logger LOG = Logger.getLogger(TableCaches.class);

  private final CacheConfig config;
  private final Vertx vertx;
  private final Optional<String> url;
  private final Optional<String> username;
  private final Optional<String> password;
  private final Map<String, List<TableCache<?, ?>>> byTable = new ConcurrentHashMap<>();
  private volatile PgChannelListener listener;
  private volatile boolean subscribed;
  private long timer = -1;

  /** Collaborators; the datasource settings are those of the application's reactive pool. */
  public TableCaches(
      CacheConfig config,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.config = config;
    this.vertx = vertx;
    this.url = url;
    this.username = username;
    this.password = password;
  }

  /** A new cache emptied by changes of {@code table}. */
  public <K, V> TableCache<K, V> cache(String table) {
    TableCache<K, V> cache =
        new TableCache<>(table, config.maxEntries(), config.ttl(), this::listening);
    byTable.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>()).add(cache);
    return cache;
  }

  /**
   * Empties the caches of {@code table} in this replica now, e.g. right after this replica's own
   * write committed (the notice of the trigger follows a moment later, in every replica).
   */
  public void changed(String table) {
    byTable.getOrDefault(table, List.of()).forEach(TableCache::invalidateAll);
  }

  /** Whether change notices are heard now, so caching is safe. */
  public boolean listening() {
    PgChannelListener l = listener;
    return config.enabled() && subscribed && l != null && l.isListening();
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled() || url.isEmpty()) {
      LOG.debugf("row caches off (enabled=%s, datasource url set=%s)", config.enabled(), url);
      return;
    }
    PgChannelListener l =
        new PgChannelListener(
            vertx,
            PgChannelListener.options(url.get(), username.orElse(null), password.orElse(null)),
            CHANNEL);
    listener = l;
    l.listen(this::changed, this::subscribed);
    timer =
        vertx.setPeriodic(
            Math.max(100, config.reconnectInterval().toMillis()), id -> l.reconnectIfClosed());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    PgChannelListener l = listener;
    if (l != null) {
      l.close();
    }
    listener = null;
    subscribed = false;
  }

  private void subscribed() {
    byTable.values().forEach(caches -> caches.forEach(TableCache::invalidateAll));
    subscribed = true;
    LOG.debugf("listening on %s: caches emptied", CHANNEL);
  }
}
