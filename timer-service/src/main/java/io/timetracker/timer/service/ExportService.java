package io.timetracker.timer.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.config.TimerConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams a user's time entries as RFC 4180 CSV, one database page at a time (keyset paging on
 * start time and id), so the export never holds the whole file in memory. Text cells that a
 * spreadsheet would run as a formula are neutralised unless the caller asks for the raw values
 * ({@link CsvCells}).
 */
@ApplicationScoped
public class ExportService {
  /** Column headers of the export, in order. */
  public static final String[] HEADER = {
    "id",
    "date",
    "start",
    "end",
    "duration_seconds",
    "duration_hours",
    "project",
    "task",
    "notes",
    "tags",
    "billable",
    "source"
  };

  private static final String PAGE =
      "SELECT e.id, e.start_time, e.end_time, e.duration_seconds, p.name AS project,"
          + " t.name AS task, e.notes, e.tags, e.billable, e.source"
          + " FROM time_entries e JOIN projects p ON p.id = e.project_id"
          + " LEFT JOIN tasks t ON t.id = e.task_id"
          + " WHERE e.user_id = $1 AND e.start_time >= $2 AND e.start_time < $3"
          + " AND (e.start_time, e.id) > ($4, $5)"
          + " ORDER BY e.start_time, e.id LIMIT $6";

  private final Pool pool;
  private final TimerConfig config;

  public ExportService(Pool pool, TimerConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** The CSV text of the user's entries starting between two local dates, in chunks. */
  public Multi<String> csv(CurrentUser user, LocalDate from, LocalDate to, boolean raw) {
    if (to.isBefore(from)) {
      throw ApiException.invalidField("to", "must not be before from");
    }
    LocalDays.Window w = LocalDays.window(from, to, user.zone());
    int size = config.export().pageSize();
    // every row of the window sorts after (window start, smallest id)
    Cursor first = new Cursor(w.start().atOffset(ZoneOffset.UTC), Long.MIN_VALUE);
    Multi<String> body =
        Multi.createBy()
            .repeating()
            .uni(
                () -> new Cursor[] {first},
                state ->
                    page(user, w, state[0], size)
                        .map(
                            rows -> {
                              boolean more = rows.size() == size;
                              if (more) {
                                state[0] = last(rows);
                              }
                              return new Chunk(render(rows, user, raw), more);
                            }))
            // whilst emits the chunk that ends the repetition too
            .whilst(Chunk::more)
            .map(Chunk::text)
            .filter(text -> !text.isEmpty());
    return Multi.createBy().concatenating().streams(Multi.createFrom().item(headerLine()), body);
  }

  private Uni<RowSet<Row>> page(CurrentUser user, LocalDays.Window w, Cursor after, int size) {
    return pool.preparedQuery(PAGE)
        .execute(
            Tuple.tuple()
                .addLong(user.id())
                .addOffsetDateTime(w.start().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(w.end().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(after.start())
                .addLong(after.id())
                .addInteger(size));
  }

  private static Cursor last(RowSet<Row> rows) {
    Row lastRow = null;
    for (Row r : rows) {
      lastRow = r;
    }
    return new Cursor(lastRow.getOffsetDateTime("start_time"), lastRow.getLong("id"));
  }

  private static String headerLine() {
    return print(printer -> printer.printRecord((Object[]) HEADER));
  }

  private static String render(RowSet<Row> rows, CurrentUser user, boolean raw) {
    return print(
        printer -> {
          for (Row r : rows) {
            OffsetDateTime start = r.getOffsetDateTime("start_time");
            OffsetDateTime end = r.getOffsetDateTime("end_time");
            Integer seconds = r.getInteger("duration_seconds");
            printer.printRecord(
                r.getLong("id"),
                start.atZoneSameInstant(user.zone()).toLocalDate(),
                start.toInstant(),
                end == null ? "" : end.toInstant(),
                seconds == null ? "" : seconds,
                seconds == null ? "" : ReportService.hours(seconds),
                CsvCells.text(r.getString("project"), raw),
                CsvCells.text(r.getString("task"), raw),
                CsvCells.text(r.getString("notes"), raw),
                CsvCells.text(r.getString("tags"), raw),
                r.getBoolean("billable"),
                r.getString("source"));
          }
        });
  }

  private interface PrintBody {
    void print(CSVPrinter printer) throws IOException;
  }

  private static String print(PrintBody body) {
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
      body.print(printer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Keyset position: the (start, id) of the last row sent. */
  private record Cursor(OffsetDateTime start, long id) {}

  private record Chunk(String text, boolean more) {}
}
