package io.timetracker.connector.gcal.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Table {@code gcal_sync_run}: requested syncs, queued → running → done, with their counters. */
@ApplicationScoped
public class SyncRunRepository {

  /**
   * Every column, named: statements stay prepared per connection, and a {@code *} would change its
   * result when a migration adds a column ("cached plan must not change result type").
   */
  static final String COLUMNS = "id, connection_id, status, requested_at, finished_at, result";

  private final Pool pool;

  /** Uses the application's pool. */
  public SyncRunRepository(Pool pool) {
    this.pool = pool;
  }

  /** Queues a run, or answers the one already queued for the connection. */
  public Uni<UUID> queue(UUID connectionId, Instant now) {
    return pool.preparedQuery(
            """
            WITH queued AS (
              SELECT id FROM gcal_sync_run WHERE connection_id = $1 AND status = 'queued' LIMIT 1),
            inserted AS (
              INSERT INTO gcal_sync_run (id, connection_id, status, requested_at)
              SELECT $2, $1, 'queued', $3 WHERE NOT EXISTS (SELECT 1 FROM queued)
              RETURNING id)
            SELECT id FROM inserted UNION ALL SELECT id FROM queued
            """)
        .execute(Tuple.of(connectionId, UUID.randomUUID(), ConnectionRepository.at(now)))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  /** Marks the connection's queued runs running; their ids. */
  public Uni<List<UUID>> start(UUID connectionId) {
    return pool.preparedQuery(
            """
            UPDATE gcal_sync_run SET status = 'running'
             WHERE connection_id = $1 AND status = 'queued' RETURNING id
            """)
        .execute(Tuple.of(connectionId))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getUUID("id")));
              return ids;
            });
  }

  /** Stores the result of the given runs. */
  public Uni<Void> finish(List<UUID> ids, JsonObject result, Instant now) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(
            """
            UPDATE gcal_sync_run SET status = 'done', result = $2, finished_at = $3
             WHERE id = ANY($1)
            """)
        .execute(Tuple.of(ids.toArray(UUID[]::new), result, ConnectionRepository.at(now)))
        .replaceWithVoid();
  }

  /** One run of the connection: status and result (null until done). */
  public Uni<Optional<JsonObject>> find(UUID connectionId, UUID id) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM gcal_sync_run WHERE connection_id = $1 AND id = $2")
        .execute(Tuple.of(connectionId, id))
        .map(
            rows ->
                rows.rowCount() == 0
                    ? Optional.empty()
                    : Optional.of(json(rows.iterator().next())));
  }

  private static JsonObject json(Row r) {
    return new JsonObject()
        .put("ok", true)
        .put("id", r.getUUID("id").toString())
        .put("status", r.getString("status"))
        .put("requestedAt", r.getOffsetDateTime("requested_at").toInstant().toString())
        .put("result", r.getJsonObject("result"));
  }
}
