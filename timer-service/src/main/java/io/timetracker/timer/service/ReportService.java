package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.SummaryReportDto;
import io.timetracker.contracts.api.SummaryRowDto;
import io.timetracker.contracts.api.TodaySummaryDto;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Totals of completed work, always cut into days in the user's own time zone (fixing the original's
 * app-zone day boundaries, spec K.2 22).
 */
@ApplicationScoped
public class ReportService {
  /** Longest range one summary may cover. */
  static final int MAX_DAYS = 366;

  private static final String WHERE =
      " FROM time_entries e JOIN projects p ON p.id = e.project_id"
          + " LEFT JOIN tasks t ON t.id = e.task_id"
          + " WHERE e.user_id = $1 AND e.end_time IS NOT NULL"
          + " AND e.start_time >= $2 AND e.start_time < $3";

  private final Pool pool;
  private final Clock clock;

  public ReportService(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Completed entries of the user's local today: total, hours and distinct projects. */
  public Uni<TodaySummaryDto> today(CurrentUser user) {
    LocalDate today = clock.instant().atZone(user.zone()).toLocalDate();
    LocalDays.Window w = LocalDays.window(today, today, user.zone());
    String sql =
        "SELECT COALESCE(SUM(e.duration_seconds), 0) AS seconds,"
            + " COUNT(DISTINCT e.project_id) AS projects, COUNT(*) AS entries"
            + WHERE;
    return pool.preparedQuery(sql)
        .execute(Tuple.of(user.id(), utc(w.start()), utc(w.end())))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              long seconds = r.getLong("seconds");
              return new TodaySummaryDto(
                  today,
                  user.timeZoneName(),
                  seconds,
                  hours(seconds),
                  r.getInteger("projects"),
                  r.getInteger("entries"));
            });
  }

  /**
   * Completed work between two local dates (inclusive), grouped by project, task or local day. Rows
   * come in label order (project or task name, or the date); entries without a task come last.
   */
  public Uni<SummaryReportDto> summary(
      CurrentUser user, LocalDate from, LocalDate to, String groupBy) {
    if (to.isBefore(from)) {
      throw ApiException.invalidField("to", "must not be before from");
    }
    if (java.time.temporal.ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
      throw ApiException.invalidField("to", "range must not exceed " + MAX_DAYS + " days");
    }
    Grouping grouping =
        switch (groupBy) {
          case "project" -> new Grouping("p.id::text", "p.name");
          case "task" ->
              new Grouping("COALESCE(t.id::text, 'none')", "COALESCE(t.name, '(no task)')");
          // the entry's start as a wall-clock date in the user's zone ($4)
          case "day" -> new Grouping("to_char(" + localDate(user) + ", 'YYYY-MM-DD')", null);
          default -> throw ApiException.invalidField("groupBy", "must be project, task or day");
        };
    LocalDays.Window w = LocalDays.window(from, to, user.zone());
    String label = grouping.label() == null ? grouping.key() : grouping.label();
    String sql =
        "SELECT k, label, seconds, entries FROM (SELECT "
            + grouping.key()
            + " AS k, MIN("
            + label
            + ") AS label, COALESCE(SUM(e.duration_seconds), 0) AS seconds, COUNT(*) AS entries"
            + WHERE
            + " GROUP BY 1) g ORDER BY (k = 'none'), label, k";
    Tuple args = Tuple.of(user.id(), utc(w.start()), utc(w.end()));
    if ("day".equals(groupBy) && TimeZones.isRegion(user.zone())) {
      args.addString(user.timeZoneName());
    } else if ("day".equals(groupBy)) {
      args.addDouble((double) TimeZones.sqlOffsetSeconds(user.zone()));
    }
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<SummaryRowDto> out = new ArrayList<>();
              long total = 0;
              for (Row r : rows) {
                long seconds = r.getLong("seconds");
                total += seconds;
                out.add(
                    new SummaryRowDto(
                        r.getString("k"),
                        r.getString("label"),
                        seconds,
                        hours(seconds),
                        r.getInteger("entries")));
              }
              return new SummaryReportDto(
                  from, to, user.timeZoneName(), groupBy, total, hours(total), out);
            });
  }

  /**
   * The entry's local start date in SQL. A region id means the same to PostgreSQL as to Java; a
   * fixed offset stored before offsets were refused ({@code UTC+05:00}) would be read by PostgreSQL
   * as a POSIX zone with the opposite sign, so it is applied as an interval instead.
   */
  private static String localDate(CurrentUser user) {
    return TimeZones.isRegion(user.zone())
        ? "(e.start_time AT TIME ZONE $4)::date"
        : "((e.start_time AT TIME ZONE 'UTC') + make_interval(secs => $4))::date";
  }

  /** SQL of a grouping: the group key and its human label (null: the key is the label). */
  private record Grouping(String key, String label) {}

  static double hours(long seconds) {
    return BigDecimal.valueOf(seconds)
        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
        .doubleValue();
  }

  static java.time.OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
