package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.mapping.TimeEntryRows;
import io.timetracker.timer.model.TimeEntry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Starts and stops the one running timer of a user through the reactive pool, without a Hibernate
 * session: a start is one statement that reads the running entry, the project with the user's
 * membership and the task, and inserts the entry when all allow it, then the outbox row, in one
 * transaction; a stop reads the running entry under a row lock, updates it with the rounded
 * duration and writes the outbox row, in one transaction.
 *
 * <p>The database's partial unique index is the only arbiter of "one running timer": the read in
 * the start's statement only gives a friendlier answer, and a start racing another one fails on the
 * index (409 {@code timer_already_running}). The answers are those of {@link ProjectAccess} for the
 * project and task, decided in Java from what the statement read, in the same order.
 */
@ApplicationScoped
public class TimerCommands {

  /**
   * The running entry (at most one, r.*), the project's status and the user's membership, the
   * task's project, and the id of the entry inserted when nothing runs, the project is active and
   * the user's, and the task is the project's. $1 user, $2 project, $3 task, $4 now, $5 notes, $6
   * tags, $7 source, $8 external ref, $9 service client, $10 the user is an admin.
   */
  static final String START =
      """
      WITH running AS (
        SELECT %s FROM time_entries WHERE user_id = $1 AND end_time IS NULL
      ), project AS (
        SELECT p.id, p.status,
               EXISTS (SELECT 1 FROM project_members m
                       WHERE m.project_id = p.id AND m.user_id = $1) AS member
        FROM projects p WHERE p.id = $2
      ), task AS (
        SELECT t.project_id FROM tasks t WHERE t.id = $3::bigint
      ), inserted AS (
        INSERT INTO time_entries (user_id, project_id, task_id, start_time, notes, tags, billable,
                                  source, external_ref, service_client, created_at, updated_at,
                                  version)
        SELECT $1::bigint, p.id, $3::bigint, $4::timestamptz, $5::text, $6::text, true, $7::text,
               $8::text, $9::text, $4::timestamptz, $4::timestamptz, 0
        FROM project p
        WHERE NOT EXISTS (SELECT 1 FROM running)
          AND (p.member OR $10::boolean)
          AND p.status = 'active'
          AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM task t WHERE t.project_id = p.id))
        RETURNING id
      )
      SELECT (SELECT id FROM inserted) AS inserted_id,
             (SELECT status FROM project) AS project_status,
             (SELECT member FROM project) AS project_member,
             (SELECT project_id FROM task) AS task_project_id,
             r.*
      FROM (VALUES (1)) AS one (n) LEFT JOIN running r ON true
      """
          .formatted(TimeEntryRows.COLUMNS);

  /** The running entry, locked until the stop's transaction ends. */
  static final String RUNNING_FOR_UPDATE =
      "SELECT "
          + TimeEntryRows.COLUMNS
          + " FROM time_entries WHERE user_id = $1 AND end_time IS NULL FOR UPDATE";

  static final String STOP =
      """
      UPDATE time_entries
      SET end_time = $2, duration_seconds = $3, updated_at = $4,
          service_client = COALESCE($5, service_client), version = version + 1
      WHERE id = $1
      RETURNING version
      """;

  private final Pool pool;
  private final TimeEntryEvents events;
  private final Clock clock;

  public TimerCommands(Pool pool, TimeEntryEvents events, Clock clock) {
    this.pool = pool;
    this.events = events;
    this.clock = clock;
  }

  /** What a start asks for. */
  public record StartCommand(
      long projectId,
      Long taskId,
      String notes,
      List<String> tags,
      String source,
      String externalRef,
      boolean switchRunning) {}

  /** {@link #start(SqlConnection, CurrentUser, StartCommand)} in a transaction of its own. */
  public Uni<TimeEntry> start(CurrentUser user, StartCommand cmd) {
    String tags = EntryFields.tags(cmd.tags());
    return pool.withTransaction(tx -> start(tx, user, cmd, tags));
  }

  /**
   * Starts a timer in the caller's transaction; 409 {@code timer_already_running} unless the
   * command switches, which stops the running timer first (with its own stopped event). Repeating
   * the start of the running timer (same external reference, project and task) answers that timer,
   * so a connector may retry a start whose answer it lost.
   */
  public Uni<TimeEntry> start(SqlConnection tx, CurrentUser user, StartCommand cmd) {
    return start(tx, user, cmd, EntryFields.tags(cmd.tags()));
  }

  private Uni<TimeEntry> start(SqlConnection tx, CurrentUser user, StartCommand cmd, String tags) {
    return attempt(tx, user, cmd, tags, cmd.switchRunning())
        .onFailure(f -> Constraints.isViolation(f, Constraints.ONE_RUNNING_TIMER))
        .transform(f -> ApiException.timerAlreadyRunning())
        .onFailure(f -> Constraints.isViolation(f, Constraints.ENTRY_EXTERNAL_REF))
        .transform(
            f ->
                ApiException.conflict(
                    "external_ref_in_use",
                    "Another time entry of this user has external reference "
                        + cmd.externalRef()
                        + "."));
  }

  private Uni<TimeEntry> attempt(
      SqlConnection tx, CurrentUser user, StartCommand cmd, String tags, boolean mayStop) {
    Instant now = now();
    TimeEntry e = new TimeEntry();
    e.userId = user.id();
    e.projectId = cmd.projectId();
    e.taskId = cmd.taskId();
    e.start = now;
    e.notes = DtoMapper.cleanNotes(cmd.notes());
    e.tags = tags;
    e.billable = true;
    e.source = cmd.source();
    e.externalRef = cmd.externalRef();
    e.serviceClient = user.serviceClient();
    e.createdAt = now;
    e.updatedAt = now;
    e.version = 0;
    Tuple args =
        Tuple.tuple()
            .addLong(e.userId)
            .addLong(e.projectId)
            .addLong(e.taskId)
            .addOffsetDateTime(utc(now))
            .addString(e.notes)
            .addString(e.tags)
            .addString(e.source)
            .addString(e.externalRef)
            .addString(e.serviceClient)
            .addBoolean(user.admin());
    return tx.preparedQuery(START)
        .execute(args)
        .chain(
            rows -> {
              Row r = rows.iterator().next();
              Long inserted = r.getLong("inserted_id");
              if (inserted != null) {
                e.id = inserted;
                return events.started(tx, e).replaceWith(e);
              }
              TimeEntry running = r.getLong("id") == null ? null : TimeEntryRows.entry(r);
              if (running != null) {
                if (isRepeatOf(running, cmd)) {
                  return Uni.createFrom().item(running);
                }
                if (!mayStop) {
                  return Uni.createFrom().failure(ApiException.timerAlreadyRunning());
                }
                // the stop and the second attempt share the transaction: a refused start undoes it
                return stopRunning(tx, user).chain(() -> attempt(tx, user, cmd, tags, false));
              }
              throw refusal(user, cmd, r);
            });
  }

  private static boolean isRepeatOf(TimeEntry running, StartCommand cmd) {
    return cmd.externalRef() != null
        && cmd.externalRef().equals(running.externalRef)
        && running.projectId == cmd.projectId()
        && Objects.equals(running.taskId, cmd.taskId());
  }

  /**
   * Why the statement inserted nothing although no timer runs: the refusals of {@link
   * ProjectAccess#requireTrackable} and {@link ProjectAccess#requireTaskOf}, in their order.
   */
  private static ApiException refusal(CurrentUser user, StartCommand cmd, Row r) {
    String status = r.getString("project_status");
    ProjectAccess.requireVisible(
        user, cmd.projectId(), status != null, status != null && r.getBoolean("project_member"));
    ProjectAccess.requireActive(cmd.projectId(), status);
    ProjectAccess.requireTaskOf(cmd.taskId(), cmd.projectId(), r.getLong("task_project_id"));
    // every check passed yet nothing was inserted: only a running timer can have been in the way
    return ApiException.timerAlreadyRunning();
  }

  /** Stops the user's running timer and rounds its duration with the user's rule; 404 if none. */
  public Uni<TimeEntry> stop(CurrentUser user) {
    return pool.withTransaction(
        tx ->
            stopRunning(tx, user)
                .onItem()
                .ifNull()
                .failWith(
                    () -> ApiException.notFound("no_active_timer", "No active timer found.")));
  }

  /** The running entry as stopped, with its stopped event; null when no timer runs. */
  private Uni<TimeEntry> stopRunning(SqlConnection tx, CurrentUser user) {
    return tx.preparedQuery(RUNNING_FOR_UPDATE)
        .execute(Tuple.of(user.id()))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
              }
              TimeEntry running = TimeEntryRows.entry(rows.iterator().next());
              Instant now = now();
              running.end = now.isBefore(running.start) ? running.start : now;
              running.durationSeconds =
                  Durations.rounded(running.start, running.end, user.rounding());
              running.updatedAt = now;
              if (user.serviceClient() != null) {
                running.serviceClient = user.serviceClient();
              }
              return tx.preparedQuery(STOP)
                  .execute(
                      Tuple.tuple()
                          .addLong(running.id)
                          .addOffsetDateTime(utc(running.end))
                          .addInteger(running.durationSeconds)
                          .addOffsetDateTime(utc(now))
                          .addString(user.serviceClient()))
                  .map(updated -> version(updated, running))
                  .call(stopped -> events.stopped(tx, stopped));
            });
  }

  private static TimeEntry version(RowSet<Row> updated, TimeEntry running) {
    running.version = updated.iterator().next().getLong("version");
    return running;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
