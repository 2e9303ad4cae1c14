package io.timetracker.connector.gcal.repository;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.model.Direction;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Table {@code gcal_connection}. Every write changes only its own columns and bumps {@code
 * version}; a token refresh is conditional on the version it read, so two refreshes (or a refresh
 * and a reconnect) never overwrite each other's tokens.
 */
@ApplicationScoped
public class ConnectionRepository {

  /**
   * Every column, named: statements stay prepared per connection, and a {@code *} would change its
   * result when a migration adds a column ("cached plan must not change result type").
   */
  static final String COLUMNS =
      "id, owner_subject, user_id, google_subject, email, access_token, refresh_token, "
          + "token_expires_at, scopes, calendar_id, direction, days_back, default_project_id, "
          + "active, reconnect_needed, sync_token, last_full_sync_at, last_sync_at, "
          + "last_sync_status, last_error, conflicts, last_conflict, created_at, updated_at, "
          + "version";

  private final Pool pool;

  /** Uses the application's pool. */
  public ConnectionRepository(Pool pool) {
    this.pool = pool;
  }

  /** The connection of a person. */
  public Uni<Optional<Connection>> bySubject(String subject) {
    return one(
        "SELECT " + COLUMNS + " FROM gcal_connection WHERE owner_subject = $1", Tuple.of(subject));
  }

  /** The connection of a core user. */
  public Uni<Optional<Connection>> byUser(long userId) {
    return one("SELECT " + COLUMNS + " FROM gcal_connection WHERE user_id = $1", Tuple.of(userId));
  }

  /** One connection. */
  public Uni<Optional<Connection>> find(UUID id) {
    return one("SELECT " + COLUMNS + " FROM gcal_connection WHERE id = $1", Tuple.of(id));
  }

  /** The person's connection, created inactive with default settings if it does not exist. */
  public Uni<Connection> ensure(String subject, long userId, Instant now) {
    return one(
            """
            INSERT INTO gcal_connection (id, owner_subject, user_id, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (owner_subject) DO UPDATE SET user_id = excluded.user_id
            RETURNING %s
            """
                .formatted(COLUMNS),
            Tuple.of(UUID.randomUUID(), subject, userId, at(now)))
        .map(Optional::orElseThrow);
  }

  /**
   * Stores the tokens of a completed consent: active, reconnect flag cleared; a missing refresh
   * token keeps the stored one (Google sends it only on consent).
   */
  public Uni<Connection> connect(UUID id, Tokens tokens, String googleSubject, String email) {
    return one(
            """
            UPDATE gcal_connection SET access_token = $2,
                   refresh_token = COALESCE($3, refresh_token), token_expires_at = $4, scopes = $5,
                   google_subject = COALESCE($6, google_subject), email = COALESCE($7, email),
                   active = true, reconnect_needed = false, updated_at = now(), version = version + 1
             WHERE id = $1 RETURNING %s
            """
                .formatted(COLUMNS),
            Tuple.tuple()
                .addValue(id)
                .addString(tokens.accessToken())
                .addString(tokens.refreshToken())
                .addValue(at(tokens.expiresAt()))
                .addString(tokens.scopes())
                .addString(googleSubject)
                .addString(email))
        .map(Optional::orElseThrow);
  }

  /**
   * Stores refreshed tokens if nobody wrote the row since {@code version}; empty when someone did
   * (then read it again: the other writer's tokens are at least as new).
   */
  public Uni<Optional<Connection>> refreshed(UUID id, long version, Tokens tokens) {
    return one(
        """
        UPDATE gcal_connection SET access_token = $3, refresh_token = COALESCE($4, refresh_token),
               token_expires_at = $5, scopes = COALESCE($6, scopes), version = version + 1,
               updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING %s
        """
            .formatted(COLUMNS),
        Tuple.tuple()
            .addValue(id)
            .addLong(version)
            .addString(tokens.accessToken())
            .addString(tokens.refreshToken())
            .addValue(at(tokens.expiresAt()))
            .addString(tokens.scopes()));
  }

  /** Google refused the refresh token: show "reconnect needed", stop syncing with it. */
  public Uni<Void> reconnectNeeded(UUID id, String error) {
    return pool.preparedQuery(
            """
            UPDATE gcal_connection SET reconnect_needed = true, last_error = $2,
                   last_sync_status = 'failed', version = version + 1, updated_at = now()
             WHERE id = $1
            """)
        .execute(Tuple.of(id, error))
        .replaceWithVoid();
  }

  /** Saves settings; a different calendar starts over with a full sync. */
  public Uni<Connection> saveSettings(
      UUID id, String calendarId, Direction direction, int daysBack, Long defaultProjectId) {
    return one(
            """
            UPDATE gcal_connection SET
                   sync_token = CASE WHEN calendar_id = $2 THEN sync_token END,
                   calendar_id = $2, direction = $3, days_back = $4, default_project_id = $5,
                   version = version + 1, updated_at = now()
             WHERE id = $1 RETURNING %s
            """
                .formatted(COLUMNS),
            Tuple.tuple()
                .addValue(id)
                .addString(calendarId)
                .addString(direction.value())
                .addInteger(daysBack)
                .addLong(defaultProjectId))
        .map(Optional::orElseThrow);
  }

  /** Disconnect: tokens, account and sync token removed, settings and history kept. */
  public Uni<Void> wipeTokens(UUID id) {
    return pool.preparedQuery(
            """
            UPDATE gcal_connection SET access_token = NULL, refresh_token = NULL,
                   token_expires_at = NULL, email = NULL, scopes = NULL, sync_token = NULL,
                   active = false, reconnect_needed = false, version = version + 1,
                   updated_at = now()
             WHERE id = $1
            """)
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /** Records the end of an import or sync. */
  public Uni<Void> synced(UUID id, SyncState state) {
    return pool.preparedQuery(
            """
            UPDATE gcal_connection SET sync_token = $2,
                   last_full_sync_at = COALESCE($3, last_full_sync_at), last_sync_at = $4,
                   last_sync_status = $5, last_error = $6, conflicts = conflicts + $7,
                   last_conflict = COALESCE($8, last_conflict), version = version + 1,
                   updated_at = now()
             WHERE id = $1
            """)
        .execute(
            Tuple.tuple()
                .addValue(id)
                .addString(state.syncToken())
                .addValue(at(state.fullSyncAt()))
                .addValue(at(state.finishedAt()))
                .addString(state.status())
                .addString(state.error())
                .addInteger(state.newConflicts())
                .addString(state.lastConflict()))
        .replaceWithVoid();
  }

  private Uni<Optional<Connection>> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(ConnectionRepository::first);
  }

  private static Optional<Connection> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
  }

  static Connection map(Row r) {
    return new Connection(
        r.getUUID("id"),
        r.getString("owner_subject"),
        r.getLong("user_id"),
        r.getString("google_subject"),
        r.getString("email"),
        r.getString("access_token"),
        r.getString("refresh_token"),
        instant(r.getOffsetDateTime("token_expires_at")),
        r.getString("scopes"),
        r.getString("calendar_id"),
        Direction.parse(r.getString("direction")),
        r.getInteger("days_back"),
        r.getLong("default_project_id"),
        r.getBoolean("active"),
        r.getBoolean("reconnect_needed"),
        r.getString("sync_token"),
        instant(r.getOffsetDateTime("last_full_sync_at")),
        instant(r.getOffsetDateTime("last_sync_at")),
        r.getString("last_sync_status"),
        r.getString("last_error"),
        r.getInteger("conflicts"),
        r.getString("last_conflict"),
        r.getLong("version"));
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  /**
   * Encrypted tokens to store.
   *
   * @param accessToken the encrypted access token
   * @param refreshToken the encrypted refresh token, or null to keep the stored one
   * @param expiresAt when the access token expires
   * @param scopes granted scopes, or null to keep them
   */
  public record Tokens(String accessToken, String refreshToken, Instant expiresAt, String scopes) {
    @Override
    public String toString() {
      return "Tokens[expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * The outcome of a sync to store.
   *
   * @param syncToken Google's next sync token, or null to do a full sync next time
   * @param fullSyncAt set when this run was a full window sync
   * @param finishedAt when it finished
   * @param status success, partial or failed
   * @param error the errors, masked, or null
   * @param newConflicts conflicts found in this run
   * @param lastConflict the latest conflict, or null
   */
  public record SyncState(
      String syncToken,
      Instant fullSyncAt,
      Instant finishedAt,
      String status,
      String error,
      int newConflicts,
      String lastConflict) {}
}
