package io.timetracker.connector.kit.jobs;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Row mapping and timestamp conversion for {@link JobClaimer}. */
final class JobRows {

  private JobRows() {}

  static List<ClaimedJob> claimed(RowSet<Row> rows) {
    List<ClaimedJob> jobs = new ArrayList<>(rows.size());
    for (Row row : rows) {
      jobs.add(
          new ClaimedJob(
              row.getString("connection_id"),
              row.getString("job"),
              instant(row, "due_at"),
              row.getInteger("attempts"),
              row.getString("lease_owner"),
              instant(row, "lease_until")));
    }
    return jobs;
  }

  static JobState state(Row row) {
    return new JobState(
        row.getString("connection_id"),
        row.getString("job"),
        instant(row, "due_at"),
        row.getString("lease_owner"),
        instant(row, "lease_until"),
        row.getInteger("attempts"),
        row.getString("last_error"),
        instant(row, "last_run_at"));
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
