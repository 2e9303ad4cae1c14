package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.mapping.TimeEntryRows;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The timer state read as one SQL statement: the user row, their running entry (the partial unique
 * index allows at most one) and its project's name, through the reactive pool without a Hibernate
 * session or transaction (which cost four round trips and most of the request's CPU: begin, entry,
 * project, commit). One statement sees one snapshot; the user's {@code active} flag is read in the
 * same statement, so a deactivated user is refused from the next request on (nothing is cached).
 * The elapsed time is counted on the service's clock, as for the other timer answers.
 */
@ApplicationScoped
public class TimerStatusQuery {

  private static final String SELECT =
      """
      SELECT u.id AS u_id, u.username, u.time_zone, u.rounding_minutes, u.rounding_method,
             u.role, u.active, u.email, u.full_name,
             e.id, e.user_id, e.project_id, e.task_id, e.start_time, e.end_time,
             e.duration_seconds, e.notes, e.tags, e.billable, e.source, e.external_ref,
             e.created_at, e.updated_at, e.version, p.name AS project_name
      FROM users u
      LEFT JOIN time_entries e ON e.user_id = u.id AND e.end_time IS NULL
      LEFT JOIN projects p ON p.id = e.project_id
      """;

  static final String BY_ID = SELECT + "WHERE u.id = $1";
  static final String BY_SUBJECT = SELECT + "WHERE u.subject = $1";

  private final Pool pool;
  private final Clock clock;

  public TimerStatusQuery(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** A user with their timer state, and the stored claims that sign-in compares. */
  public record UserTimer(
      CurrentUser user, String email, String fullName, String role, TimerStatusDto status) {}

  /** The user with this id and their timer state, or null when there is no such user. */
  public Uni<UserTimer> byUserId(long userId) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(userId)).map(this::first);
  }

  /** The user of this token subject and their timer state, or null when not yet signed in. */
  public Uni<UserTimer> bySubject(String subject) {
    return pool.preparedQuery(BY_SUBJECT).execute(Tuple.of(subject)).map(this::first);
  }

  /** The timer state of a user already resolved (one statement as well). */
  public Uni<TimerStatusDto> status(CurrentUser user) {
    return byUserId(user.id())
        .map(found -> found == null ? new TimerStatusDto(false, null, null, null) : found.status());
  }

  private UserTimer first(RowSet<Row> rows) {
    var it = rows.iterator();
    if (!it.hasNext()) {
      return null;
    }
    Row r = it.next();
    CurrentUser user = UserDirectory.user(r, "u_id");
    return new UserTimer(
        user, r.getString("email"), r.getString("full_name"), r.getString("role"), status(r));
  }

  private TimerStatusDto status(Row r) {
    Long id = r.getLong("id");
    if (id == null) {
      return new TimerStatusDto(false, null, null, null);
    }
    Instant start = TimeEntryRows.instant(r, "start_time");
    TimeEntryDto entry =
        new TimeEntryDto(
            id,
            r.getLong("user_id"),
            r.getLong("project_id"),
            r.getLong("task_id"),
            start,
            TimeEntryRows.instant(r, "end_time"),
            r.getInteger("duration_seconds"),
            r.getString("notes"),
            DtoMapper.splitTags(r.getString("tags")),
            r.getBoolean("billable"),
            r.getString("source"),
            r.getString("external_ref"),
            true,
            TimeEntryRows.instant(r, "created_at"),
            TimeEntryRows.instant(r, "updated_at"),
            r.getLong("version"));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    long elapsed = Math.max(0, Duration.between(start, now).toSeconds());
    return new TimerStatusDto(true, entry, r.getString("project_name"), elapsed);
  }
}
