package io.timetracker.connector.slack.repository;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.cache.TableCaches;
import io.timetracker.connector.slack.model.Workspace;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Table {@code slack_workspace} through the reactive SQL client. Its writes empty this replica's
 * workspace caches at once ({@link TableCaches#changed}); the table's trigger tells every replica.
 */
@ApplicationScoped
public class WorkspaceRepository {

  /** The table, as its change notices name it. */
  public static final String TABLE = "slack_workspace";

  private static final String COLUMNS =
      "team_id, team_name, bot_token, signing_secret, bot_user_id, installed_by, origin, created_at";

  private final Pool pool;
  private final TableCaches caches;

  /** Uses the application's pool. */
  public WorkspaceRepository(Pool pool, TableCaches caches) {
    this.pool = pool;
    this.caches = caches;
  }

  /** Inserts or replaces a workspace's credentials (a re-install or a new registration). */
  public Uni<Workspace> upsert(Workspace w, Instant now) {
    Tuple args =
        Tuple.tuple()
            .addValue(w.teamId())
            .addValue(w.teamName())
            .addValue(w.botToken())
            .addValue(w.signingSecret())
            .addValue(w.botUserId())
            .addValue(w.installedBy())
            .addValue(w.origin())
            .addValue(at(now));
    return pool.preparedQuery(
            "INSERT INTO slack_workspace (team_id, team_name, bot_token, signing_secret,"
                + " bot_user_id, installed_by, origin, created_at, updated_at) VALUES ($1, $2, $3,"
                + " $4, $5, $6, $7, $8, $8) ON CONFLICT (team_id) DO UPDATE SET team_name ="
                + " EXCLUDED.team_name, bot_token = EXCLUDED.bot_token, signing_secret ="
                + " EXCLUDED.signing_secret, bot_user_id = EXCLUDED.bot_user_id, installed_by ="
                + " EXCLUDED.installed_by, origin = EXCLUDED.origin, updated_at = EXCLUDED.updated_at"
                + " RETURNING "
                + COLUMNS)
        .execute(args)
        .invoke(rows -> caches.changed(TABLE))
        .map(rows -> map(rows.iterator().next()));
  }

  /** The workspace with this team id. */
  public Uni<Optional<Workspace>> find(String teamId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM slack_workspace WHERE team_id = $1")
        .execute(Tuple.of(teamId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /** Removes a workspace; true if it existed. */
  public Uni<Boolean> delete(String teamId) {
    return pool.preparedQuery("DELETE FROM slack_workspace WHERE team_id = $1")
        .execute(Tuple.of(teamId))
        .invoke(rows -> caches.changed(TABLE))
        .map(rows -> rows.rowCount() > 0);
  }

  private static Workspace map(Row r) {
    return new Workspace(
        r.getString("team_id"),
        r.getString("team_name"),
        r.getString("bot_token"),
        r.getString("signing_secret"),
        r.getString("bot_user_id"),
        r.getLong("installed_by"),
        r.getString("origin"),
        r.getOffsetDateTime("created_at").toInstant());
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
