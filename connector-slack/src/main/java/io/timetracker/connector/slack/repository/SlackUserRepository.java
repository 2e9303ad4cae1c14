package io.timetracker.connector.slack.repository;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.cache.TableCache;
import io.timetracker.connector.kit.cache.TableCaches;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.model.UserSettings;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Table {@code slack_user}: who is linked to which Slack person, and their settings. The link
 * itself is the core's external identity; this row is the connector's copy for the command path and
 * the settings.
 *
 * <p>The command path ({@link #bySlackUser}) and the notifications ({@link #linked}) read through
 * connector-kit's {@link TableCaches}: bounded, at most {@code connector.cache.ttl} old, emptied in
 * every replica when {@code slack_user} changes (its trigger), and at once in this replica after
 * its own writes. {@link #find} always reads the table (a person's own settings page).
 */
@ApplicationScoped
public class SlackUserRepository {

  /** The table, as its change notices name it. */
  public static final String TABLE = "slack_user";

  private static final String COLUMNS =
      "user_id, team_id, slack_user_id, slack_user_name, channel_id, notify_on_start,"
          + " notify_on_stop, daily_summary, summary_time, time_zone, last_summary_date";

  private final Pool pool;
  private final TableCaches caches;
  private final TableCache<String, Optional<SlackUser>> bySlackUser;
  private final TableCache<Long, Optional<SlackUser>> byUserId;

  /** Uses the application's pool and caches. */
  public SlackUserRepository(Pool pool, TableCaches caches) {
    this.pool = pool;
    this.caches = caches;
    this.bySlackUser = caches.cache(TABLE);
    this.byUserId = caches.cache(TABLE);
  }

  /**
   * Links a user to a Slack person, keeping their settings when they re-link; a Slack person linked
   * to someone else before is moved to this user.
   */
  public Uni<SlackUser> link(
      long userId, String teamId, String slackUserId, String name, String zone, Instant now) {
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "DELETE FROM slack_user WHERE team_id = $1 AND slack_user_id = $2 AND user_id"
                            + " <> $3")
                    .execute(Tuple.of(teamId, slackUserId, userId))
                    .chain(
                        ignored ->
                            tx.preparedQuery(
                                    "INSERT INTO slack_user (user_id, team_id, slack_user_id,"
                                        + " slack_user_name, time_zone, created_at, updated_at) VALUES"
                                        + " ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (user_id) DO"
                                        + " UPDATE SET team_id = EXCLUDED.team_id, slack_user_id ="
                                        + " EXCLUDED.slack_user_id, slack_user_name ="
                                        + " EXCLUDED.slack_user_name, time_zone = EXCLUDED.time_zone,"
                                        + " updated_at = EXCLUDED.updated_at RETURNING "
                                        + COLUMNS)
                                .execute(
                                    Tuple.tuple()
                                        .addValue(userId)
                                        .addValue(teamId)
                                        .addValue(slackUserId)
                                        .addValue(name)
                                        .addValue(zone)
                                        .addValue(WorkspaceRepository.at(now))))
                    .map(rows -> map(rows.iterator().next())))
        .invoke(this::changed);
  }

  /** The user linked to a Slack person (cached). */
  public Uni<Optional<SlackUser>> bySlackUser(String teamId, String slackUserId) {
    return bySlackUser.get(
        teamId + "/" + slackUserId,
        key ->
            one(
                "SELECT " + COLUMNS + " FROM slack_user WHERE team_id = $1 AND slack_user_id = $2",
                Tuple.of(teamId, slackUserId)));
  }

  /** A user's link and settings (cached): what notifications need. */
  public Uni<Optional<SlackUser>> linked(long userId) {
    return byUserId.get(userId, this::find);
  }

  /** A user's link and settings. */
  public Uni<Optional<SlackUser>> find(long userId) {
    return one("SELECT " + COLUMNS + " FROM slack_user WHERE user_id = $1", Tuple.of(userId));
  }

  /** Saves a user's settings and time zone; empty if they are not linked. */
  public Uni<Optional<SlackUser>> saveSettings(
      long userId, UserSettings s, String zone, Instant now) {
    return one(
            "UPDATE slack_user SET channel_id = $2, notify_on_start = $3, notify_on_stop = $4,"
                + " daily_summary = $5, summary_time = $6, time_zone = $7, updated_at = $8 WHERE"
                + " user_id = $1 RETURNING "
                + COLUMNS,
            Tuple.tuple()
                .addValue(userId)
                .addValue(s.channelId())
                .addValue(s.notifyOnStart())
                .addValue(s.notifyOnStop())
                .addValue(s.dailySummary())
                .addValue(s.dailySummaryTime())
                .addValue(zone)
                .addValue(WorkspaceRepository.at(now)))
        .invoke(this::changed);
  }

  /**
   * Claims a local day's summary: true only for the first caller per user and day, so two replicas
   * (or a retry after a crash) never post it twice.
   */
  public Uni<Boolean> claimSummaryDay(long userId, LocalDate day) {
    return pool.preparedQuery(
            "UPDATE slack_user SET last_summary_date = $2 WHERE user_id = $1 AND"
                + " (last_summary_date IS NULL OR last_summary_date < $2)")
        .execute(Tuple.of(userId, day))
        .invoke(this::changed)
        .map(rows -> rows.rowCount() == 1);
  }

  /** Gives a claimed day back after a post that failed for a reason worth retrying. */
  public Uni<Void> releaseSummaryDay(long userId, LocalDate day, LocalDate previous) {
    return pool.preparedQuery(
            "UPDATE slack_user SET last_summary_date = $3 WHERE user_id = $1 AND"
                + " last_summary_date = $2")
        .execute(Tuple.of(userId, day, previous))
        .invoke(this::changed)
        .replaceWithVoid();
  }

  /** Unlinks a user; true if they were linked. */
  public Uni<Boolean> delete(long userId) {
    return pool.preparedQuery("DELETE FROM slack_user WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .invoke(this::changed)
        .map(rows -> rows.rowCount() > 0);
  }

  private void changed() {
    caches.changed(TABLE);
  }

  private Uni<Optional<SlackUser>> one(String sql, Tuple args) {
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  private static SlackUser map(Row r) {
    return new SlackUser(
        r.getLong("user_id"),
        r.getString("team_id"),
        r.getString("slack_user_id"),
        r.getString("slack_user_name"),
        new UserSettings(
            r.getString("channel_id"),
            r.getBoolean("notify_on_start"),
            r.getBoolean("notify_on_stop"),
            r.getBoolean("daily_summary"),
            r.getString("summary_time")),
        r.getString("time_zone"),
        r.getLocalDate("last_summary_date"));
  }
}
