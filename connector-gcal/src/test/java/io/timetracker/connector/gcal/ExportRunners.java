package io.timetracker.connector.gcal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.arc.Arc;
import io.timetracker.connector.gcal.service.ExportHandler;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.connector.kit.inbox.InboxRunner;
import io.vertx.mutiny.core.Vertx;
import java.time.Clock;
import java.util.List;

/** The export's inbox runner for tests (the application's own is off under {@code %test}). */
public final class ExportRunners {

  private ExportRunners() {}

  /** A runner on the application's inbox with the export handler. */
  public static InboxRunner runner() {
    return new InboxRunner(
        bean(Inbox.class),
        List.of(bean(ExportHandler.class)),
        4,
        bean(Vertx.class),
        new SimpleMeterRegistry(),
        bean(Clock.class));
  }

  private static <T> T bean(Class<T> type) {
    return Arc.container().instance(type).get();
  }
}
