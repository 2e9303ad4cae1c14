package io.timetracker.timer.messaging;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code LISTEN tt_outbox} on a dedicated PostgreSQL connection (outside the pool). The outbox
 * trigger notifies once per inserting statement at commit; the subscriber reconnects by itself
 * after a lost connection and then calls the handler once, since notifications may have been missed
 * meanwhile.
 */
@ApplicationScoped
public class OutboxListener {
  static final String CHANNEL = "tt_outbox";
  private static final Logger LOG = Logger.getLogger(OutboxListener.class);

  private final Vertx vertx;
  private final PgConnectOptions options;
  private PgSubscriber subscriber;
  private boolean connecting;

  public OutboxListener(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String username,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.vertx = vertx;
    this.options =
        PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
            .setUser(username)
            .setPassword(password);
  }

  /** Starts listening; {@code onNotify} runs on an event loop and must not block. */
  synchronized void listen(Runnable onNotify) {
    subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> 1000L);
    subscriber.channel(CHANNEL).handler(payload -> onNotify.run()).subscribeHandler(onNotify);
    connect();
  }

  /** Connects again if the first connection never came up (the reconnect policy covers later). */
  synchronized void reconnectIfClosed() {
    if (subscriber != null && !connecting && subscriber.actualConnection() == null) {
      connect();
    }
  }

  synchronized void close() {
    if (subscriber != null) {
      subscriber.closeAndForget();
      subscriber = null;
    }
  }

  private void connect() {
    connecting = true;
    subscriber.connect().subscribe().with(ok -> connected(null), e -> connected(e));
  }

  private synchronized void connected(Throwable failure) {
    connecting = false;
    if (failure == null) {
      LOG.debugf("listening on %s", CHANNEL);
    } else {
      LOG.warnf("LISTEN %s failed, the sweep keeps the relay going: %s", CHANNEL, failure);
    }
  }
}
