package io.timetracker.pgnotify;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * {@code LISTEN <channel>} on a dedicated PostgreSQL connection (outside the pool) that calls a
 * wake-up handler on every notification. The subscriber reconnects by itself after a lost
 * connection and then calls the handler once, since notifications may have been missed meanwhile; a
 * periodic sweep in the caller remains the safety net (and calls {@link #reconnectIfClosed()}).
 */
public final class PgChannelListener {
  private static final Logger LOG = Logger.getLogger(PgChannelListener.class);

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final String channel;
  private PgSubscriber subscriber;
  private boolean connecting;

  /** Listens on {@code channel} of the database described by {@code options}. */
  public PgChannelListener(Vertx vertx, PgConnectOptions options, String channel) {
    this.vertx = vertx;
    this.options = options;
    this.channel = channel;
  }

  /** Connect options from a Quarkus reactive datasource URL and credentials. */
  public static PgConnectOptions options(String reactiveUrl, String username, String password) {
    return PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
        .setUser(username)
        .setPassword(password);
  }

  /** Starts listening; {@code onNotify} runs on an event loop and must not block. */
  public synchronized void listen(Runnable onNotify) {
    listen(payload -> onNotify.run(), onNotify);
  }

  /**
   * Starts listening; {@code onPayload} gets each notification's payload and {@code onSubscribed}
   * runs whenever the LISTEN is (re-)established, when notifications may have been missed. Both run
   * on an event loop and must not block.
   */
  public synchronized void listen(Consumer<String> onPayload, Runnable onSubscribed) {
    subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> 1000L);
    subscriber.channel(channel).handler(onPayload).subscribeHandler(onSubscribed);
    connect();
  }

  /** Whether the LISTEN connection is up now (notifications are being heard). */
  public synchronized boolean isListening() {
    return subscriber != null && subscriber.actualConnection() != null;
  }

  /** Connects again if the first connection never came up (the reconnect policy covers later). */
  public synchronized void reconnectIfClosed() {
    if (subscriber != null && !connecting && subscriber.actualConnection() == null) {
      connect();
    }
  }

  /** Stops listening. */
  public synchronized void close() {
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
      LOG.debugf("listening on %s", channel);
    } else {
      LOG.warnf("LISTEN %s failed, the sweep keeps the drain going: %s", channel, failure);
    }
  }
}
