package io.timetracker.connector.github.repository;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.TimerPolicy;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Table {@code github_connection} through the reactive SQL client (the same pool the kit's inbox
 * and job claimer use; no ORM needed for one table).
 */
@ApplicationScoped
public class ConnectionRepository {

  private static final String COLUMNS =
      "id, owner_user_id, owner_subject, repo_owner, repo_name, webhook_secret, token,"
          + " default_project_id, label_filter, auto_start, timer_policy, stop_on_unassign, active,"
          + " last_sync_at, last_sync_status, last_error, etag, created_at, updated_at, verified_at,"
          + " verification_error, previous_webhook_secret, previous_secret_expires_at";

  private final Pool pool;

  /** Uses the application's pool. */
  public ConnectionRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a new connection; fails with a unique violation if the owner has this repo. */
  public Uni<Connection> insert(Connection c) {
    Tuple args =
        Tuple.tuple()
            .addValue(c.id())
            .addValue(c.ownerUserId())
            .addValue(c.ownerSubject())
            .addValue(c.repoOwner())
            .addValue(c.repoName())
            .addValue(c.webhookSecret())
            .addValue(c.token())
            .addValue(c.defaultProjectId())
            .addValue(c.labelFilter())
            .addValue(c.autoStart())
            .addValue(c.timerPolicy().value())
            .addValue(c.stopOnUnassign())
            .addValue(c.active())
            .addValue(at(c.createdAt()))
            .addValue(at(c.updatedAt()));
    return pool.preparedQuery(
            "INSERT INTO github_connection (id, owner_user_id, owner_subject, repo_owner,"
                + " repo_name, webhook_secret, token, default_project_id, label_filter, auto_start,"
                + " timer_policy, stop_on_unassign, active, created_at, updated_at) VALUES ($1, $2,"
                + " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING "
                + COLUMNS)
        .execute(args)
        .map(rows -> map(rows.iterator().next()));
  }

  /**
   * Writes the settings, secrets and verification of an existing connection; empty if it is gone
   * (deleted meanwhile).
   */
  public Uni<Optional<Connection>> update(Connection c) {
    Tuple args =
        Tuple.tuple()
            .addValue(c.id())
            .addValue(c.webhookSecret())
            .addValue(c.token())
            .addValue(c.defaultProjectId())
            .addValue(c.labelFilter())
            .addValue(c.autoStart())
            .addValue(c.timerPolicy().value())
            .addValue(c.stopOnUnassign())
            .addValue(c.active())
            .addValue(at(c.updatedAt()))
            .addValue(at(c.verifiedAt()))
            .addValue(c.verificationError())
            .addValue(c.previousWebhookSecret())
            .addValue(at(c.previousSecretExpiresAt()));
    return pool.preparedQuery(
            "UPDATE github_connection SET webhook_secret = $2, token = $3, default_project_id ="
                + " $4, label_filter = $5, auto_start = $6, timer_policy = $7, stop_on_unassign ="
                + " $8, active = $9, updated_at = $10, verified_at = $11, verification_error = $12,"
                + " previous_webhook_secret = $13, previous_secret_expires_at = $14 WHERE id = $1"
                + " RETURNING "
                + COLUMNS)
        .execute(args)
        .map(ConnectionRepository::first);
  }

  /**
   * Records a repository access check: {@code verifiedAt} when access was proven, {@code null} with
   * the reason when it was not.
   */
  public Uni<Void> recordVerification(UUID id, Instant verifiedAt, String error) {
    return pool.preparedQuery(
            "UPDATE github_connection SET verified_at = $2, verification_error = $3 WHERE id = $1")
        .execute(Tuple.of(id, at(verifiedAt), error))
        .replaceWithVoid();
  }

  /** Records how a sync went. */
  public Uni<Void> recordSync(UUID id, Instant at, String status, String error, String etag) {
    return pool.preparedQuery(
            "UPDATE github_connection SET last_sync_at = $2, last_sync_status = $3, last_error ="
                + " $4, etag = COALESCE($5, etag) WHERE id = $1")
        .execute(Tuple.of(id, at(at), status, error, etag))
        .replaceWithVoid();
  }

  /** One connection. */
  public Uni<Optional<Connection>> find(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM github_connection WHERE id = $1")
        .execute(Tuple.of(id))
        .map(ConnectionRepository::first);
  }

  /** The connections of one owner, oldest first. */
  public Uni<List<Connection>> byOwner(long ownerUserId) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM github_connection WHERE owner_user_id = $1 ORDER BY created_at")
        .execute(Tuple.of(ownerUserId))
        .map(ConnectionRepository::all);
  }

  /** The connections whose owner has this OIDC subject, oldest first. */
  public Uni<List<Connection>> bySubject(String subject) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM github_connection WHERE owner_subject = $1 ORDER BY created_at")
        .execute(Tuple.of(subject))
        .map(ConnectionRepository::all);
  }

  /** Active connections to a repository (any case), oldest first. */
  public Uni<List<Connection>> activeForRepository(String repoOwner, String repoName) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM github_connection WHERE active AND lower(repo_owner) = lower($1) AND"
                + " lower(repo_name) = lower($2) ORDER BY created_at")
        .execute(Tuple.of(repoOwner, repoName))
        .map(ConnectionRepository::all);
  }

  /** Up to {@code limit} active connections, oldest first. */
  public Uni<List<Connection>> active(int limit) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM github_connection WHERE active ORDER BY created_at LIMIT $1")
        .execute(Tuple.of(limit))
        .map(ConnectionRepository::all);
  }

  /** Deletes a connection; true if it existed. */
  public Uni<Boolean> delete(UUID id) {
    return pool.preparedQuery("DELETE FROM github_connection WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Optional<Connection> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next()));
  }

  private static List<Connection> all(RowSet<Row> rows) {
    List<Connection> list = new ArrayList<>(rows.size());
    rows.forEach(r -> list.add(map(r)));
    return list;
  }

  private static Connection map(Row r) {
    return new Connection(
        r.getUUID("id"),
        r.getLong("owner_user_id"),
        r.getString("owner_subject"),
        r.getString("repo_owner"),
        r.getString("repo_name"),
        r.getString("webhook_secret"),
        r.getString("token"),
        r.getLong("default_project_id"),
        r.getString("label_filter"),
        r.getBoolean("auto_start"),
        TimerPolicy.of(r.getString("timer_policy")),
        r.getBoolean("stop_on_unassign"),
        r.getBoolean("active"),
        instant(r, "last_sync_at"),
        r.getString("last_sync_status"),
        r.getString("last_error"),
        r.getString("etag"),
        instant(r, "created_at"),
        instant(r, "updated_at"),
        instant(r, "verified_at"),
        r.getString("verification_error"),
        r.getString("previous_webhook_secret"),
        instant(r, "previous_secret_expires_at"));
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
