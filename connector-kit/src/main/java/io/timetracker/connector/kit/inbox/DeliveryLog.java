package io.timetracker.connector.kit.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The per-connection view of the inbox behind {@link Inbox}: list, get, redeliver. */
final class DeliveryLog {

  private final Pool pool;
  private final Clock clock;

  DeliveryLog(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Queues a delivery of the connection again from scratch (attempts 0, due now). */
  Uni<RedeliverResult> redeliver(UUID id, String connectionId) {
    return pool.preparedQuery(InboxSql.REDELIVER)
        .execute(Tuple.of(id, connectionId, InboxRows.at(clock.instant())))
        .chain(
            rows ->
                rows.rowCount() == 1
                    ? Uni.createFrom().item(RedeliverResult.REQUEUED)
                    : get(id, connectionId)
                        .map(
                            found ->
                                found.isPresent()
                                    ? RedeliverResult.IN_PROGRESS
                                    : RedeliverResult.NOT_FOUND));
  }

  /** One delivery of the connection. */
  Uni<Optional<DeliverySummary>> get(UUID id, String connectionId) {
    return pool.preparedQuery(InboxSql.GET)
        .execute(Tuple.of(id, connectionId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(InboxRows.summary(Inbox.first(rows))));
  }

  /** A page (from 0) of the connection's delivery log, newest first; size is capped at 100. */
  Uni<DeliveryPage> list(String connectionId, int page, int size) {
    int pageSize = Math.max(1, Math.min(size, 100));
    int pageNumber = Math.max(0, page);
    return pool.preparedQuery(InboxSql.LIST)
        .execute(Tuple.of(connectionId, pageSize + 1, (long) pageNumber * pageSize))
        .map(
            rows -> {
              List<DeliverySummary> items = new ArrayList<>();
              rows.forEach(row -> items.add(InboxRows.summary(row)));
              boolean more = items.size() > pageSize;
              return new DeliveryPage(
                  more ? items.subList(0, pageSize) : items, pageNumber, pageSize, more);
            });
  }
}
