package io.timetracker.timer.messaging;

import io.timetracker.pgnotify.PgChannelListener;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code LISTEN tt_outbox} on a dedicated PostgreSQL connection (outside the pool), through the
 * shared {@link PgChannelListener}. The outbox trigger notifies once per inserting statement at
 * commit; after a lost connection the handler runs once, since notifications may have been missed.
 */
@ApplicationScoped
public class OutboxListener {
  static final String CHANNEL = "tt_outbox";

  private final PgChannelListener listener;

  public OutboxListener(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String username,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.listener =
        new PgChannelListener(vertx, PgChannelListener.options(url, username, password), CHANNEL);
  }

  /** Starts listening; {@code onNotify} runs on an event loop and must not block. */
  void listen(Runnable onNotify) {
    listener.listen(onNotify);
  }

  /** Connects again if the first connection never came up (the reconnect policy covers later). */
  void reconnectIfClosed() {
    listener.reconnectIfClosed();
  }

  void close() {
    listener.close();
  }
}
