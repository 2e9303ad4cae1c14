package io.timetracker.connector.kit.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/**
 * {@link ProcessedEvents} for consumers on the reactive PostgreSQL client: pass the {@code
 * SqlConnection} of the transaction that applies the effect, e.g. inside {@code
 * pool.withTransaction(conn -> ...)}.
 */
public final class SqlClientProcessedEvents {
  static final String INSERT =
      "INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now())"
          + " ON CONFLICT (event_id) DO NOTHING";
  static final String PRUNE =
      "DELETE FROM processed_event WHERE processed_at < now() - CAST(CAST($1 AS text) AS interval)";

  private SqlClientProcessedEvents() {}

  /** True the first time this event id is recorded in the connection's transaction. */
  public static Uni<Boolean> firstTime(SqlClient connection, String eventId) {
    return connection
        .preparedQuery(INSERT)
        .execute(Tuple.of(eventId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Deletes rows older than the retention (see {@link ProcessedEvents#prune}). */
  public static Uni<Integer> prune(SqlClient client, Duration retention) {
    return client
        .preparedQuery(PRUNE)
        .execute(Tuple.of(retention.toString()))
        .map(rows -> rows.rowCount());
  }
}
