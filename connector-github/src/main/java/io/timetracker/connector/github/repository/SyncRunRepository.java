package io.timetracker.connector.github.repository;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.SyncRun;
import io.timetracker.connector.kit.api.SyncResult;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Table {@code github_sync_run}: requested syncs and their progress. At most one queued run per
 * connection (a partial unique index), so repeated requests join the waiting one.
 */
@ApplicationScoped
public class SyncRunRepository {

  private static final String COLUMNS =
      "id, connection_id, status, requested_at, started_at, finished_at, pages, created, updated,"
          + " skipped, failed, errors";
  private static final String ERROR_SEPARATOR = "\n";

  private final Pool pool;

  /** Uses the application's pool. */
  public SyncRunRepository(Pool pool) {
    this.pool = pool;
  }

  /** Queues a run for the connection, or answers the one already queued. */
  public Uni<SyncRun> queue(UUID connectionId, Instant now) {
    return pool.preparedQuery(
            "INSERT INTO github_sync_run (id, connection_id, status, requested_at) VALUES ($1, $2,"
                + " 'queued', $3) ON CONFLICT (connection_id) WHERE status = 'queued' DO NOTHING")
        .execute(Tuple.of(UUID.randomUUID(), connectionId, ConnectionRepository.at(now)))
        .chain(() -> queued(connectionId))
        // the queued run was started between the two statements: queue a fresh one
        .chain(
            found ->
                found
                    .map(run -> Uni.createFrom().item(run))
                    .orElseGet(() -> queue(connectionId, now)));
  }

  /** Marks the connection's queued runs running; their ids. */
  public Uni<List<UUID>> start(UUID connectionId, Instant now) {
    return pool.preparedQuery(
            "UPDATE github_sync_run SET status = 'running', started_at = $2 WHERE connection_id ="
                + " $1 AND status = 'queued' RETURNING id")
        .execute(Tuple.of(connectionId, ConnectionRepository.at(now)))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getUUID(0)));
              return ids;
            });
  }

  /** The counters so far of running runs. */
  public Uni<Void> progress(List<UUID> ids, int pages, SyncResult soFar) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(
            "UPDATE github_sync_run SET pages = $2, created = $3, updated = $4, skipped = $5,"
                + " failed = $6 WHERE id = ANY($1)")
        .execute(
            Tuple.of(
                ids.toArray(UUID[]::new),
                pages,
                soFar.created(),
                soFar.updated(),
                soFar.skipped(),
                soFar.failed()))
        .replaceWithVoid();
  }

  /** Records the result of runs. */
  public Uni<Void> finish(List<UUID> ids, int pages, SyncResult result, Instant now) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String errors = String.join(ERROR_SEPARATOR, result.errors());
    Tuple args =
        Tuple.tuple()
            .addValue(ids.toArray(UUID[]::new))
            .addValue(result.status().value())
            .addValue(ConnectionRepository.at(now))
            .addValue(pages)
            .addValue(result.created())
            .addValue(result.updated())
            .addValue(result.skipped())
            .addValue(result.failed())
            .addValue(
                errors.isEmpty() ? null : errors.substring(0, Math.min(4000, errors.length())));
    return pool.preparedQuery(
            "UPDATE github_sync_run SET status = $2, finished_at = $3, pages = $4, created = $5,"
                + " updated = $6, skipped = $7, failed = $8, errors = $9,"
                + " started_at = COALESCE(started_at, $3) WHERE id = ANY($1)")
        .execute(args)
        .replaceWithVoid();
  }

  /** One run of a connection. */
  public Uni<Optional<SyncRun>> find(UUID connectionId, UUID id) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM github_sync_run WHERE id = $1 AND connection_id = $2")
        .execute(Tuple.of(id, connectionId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  private Uni<Optional<SyncRun>> queued(UUID connectionId) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM github_sync_run WHERE connection_id = $1 AND status = 'queued'")
        .execute(Tuple.of(connectionId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  private static SyncRun map(Row r) {
    String errors = r.getString("errors");
    return new SyncRun(
        r.getUUID("id"),
        r.getUUID("connection_id"),
        r.getString("status"),
        ConnectionRepository.instant(r, "requested_at"),
        ConnectionRepository.instant(r, "started_at"),
        ConnectionRepository.instant(r, "finished_at"),
        r.getInteger("pages"),
        r.getInteger("created"),
        r.getInteger("updated"),
        r.getInteger("skipped"),
        r.getInteger("failed"),
        errors == null ? List.of() : Arrays.asList(errors.split(ERROR_SEPARATOR)));
  }
}
