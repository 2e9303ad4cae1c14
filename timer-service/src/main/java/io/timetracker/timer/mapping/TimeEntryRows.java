package io.timetracker.timer.mapping;

import io.timetracker.timer.model.TimeEntry;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Time entries read through the reactive SQL client, without a Hibernate session: the column list
 * to select and the entity built from one row. The entity is not managed by any session; it carries
 * the values to the events and the DTOs.
 */
public final class TimeEntryRows {
  /** Every column of {@code time_entries} that {@link #entry(Row)} reads. */
  public static final String COLUMNS =
      "id, user_id, project_id, task_id, start_time, end_time, duration_seconds, notes, tags,"
          + " billable, source, external_ref, service_client, created_at, updated_at, version";

  private TimeEntryRows() {}

  /** An entry from a row holding {@link #COLUMNS}. */
  public static TimeEntry entry(Row r) {
    TimeEntry e = new TimeEntry();
    e.id = r.getLong("id");
    e.userId = r.getLong("user_id");
    e.projectId = r.getLong("project_id");
    e.taskId = r.getLong("task_id");
    e.start = instant(r, "start_time");
    e.end = instant(r, "end_time");
    e.durationSeconds = r.getInteger("duration_seconds");
    e.notes = r.getString("notes");
    e.tags = r.getString("tags");
    e.billable = r.getBoolean("billable");
    e.source = r.getString("source");
    e.externalRef = r.getString("external_ref");
    e.serviceClient = r.getString("service_client");
    e.createdAt = instant(r, "created_at");
    e.updatedAt = instant(r, "updated_at");
    e.version = r.getLong("version");
    return e;
  }

  /** A {@code timestamptz} column as an instant; null stays null. */
  public static Instant instant(Row r, String column) {
    OffsetDateTime value = r.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
