package io.timetracker.connector.github;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.arc.Arc;
import io.timetracker.connector.github.service.GithubInboxHandler;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.connector.kit.inbox.InboxConfig;
import io.timetracker.connector.kit.inbox.InboxRunner;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Inbox runners for tests (the application's own runner is off under {@code %test}): one on the
 * application's pool, or one on a pool of its own, as another replica of the connector would be.
 */
public final class InboxRunners {

  private InboxRunners() {}

  /** A runner on the application's inbox. */
  public static InboxRunner onTheApplicationPool(int concurrency) {
    return runner(bean(Inbox.class), concurrency);
  }

  /** A second pool on the test database; close it after the test. */
  public static Pool newPool() {
    var config = ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.reactive.url", String.class);
    PgConnectOptions options =
        PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
            .setUser(config.getValue("quarkus.datasource.username", String.class))
            .setPassword(config.getValue("quarkus.datasource.password", String.class));
    return Pool.pool(bean(Vertx.class), options, new PoolOptions().setMaxSize(4));
  }

  /** A runner whose claims and outcomes go through {@code pool}. */
  public static InboxRunner onPool(Pool pool, int concurrency) {
    return runner(new Inbox(pool, bean(Clock.class), bean(InboxConfig.class)), concurrency);
  }

  private static InboxRunner runner(Inbox inbox, int concurrency) {
    return new InboxRunner(
        inbox,
        List.of(bean(GithubInboxHandler.class)),
        concurrency,
        bean(Vertx.class),
        new SimpleMeterRegistry(),
        bean(Clock.class));
  }

  private static <T> T bean(Class<T> type) {
    return Arc.container().instance(type).get();
  }
}
