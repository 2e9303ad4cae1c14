package io.timetracker.connector.gcal.service;

import io.timetracker.contracts.api.TimeEntryDto;
import java.time.Instant;

/**
 * One queued export, stored as the payload of a {@code gcal-export} delivery in the kit's inbox:
 * put a finished entry into the calendar, or take it out.
 *
 * @param kind {@value #UPSERT} or {@value #DELETE}
 * @param entryId the core's entry id
 * @param userId its owner
 * @param projectId its project
 * @param taskId its task, or null
 * @param start start
 * @param end end (null for a delete)
 * @param durationSeconds net duration, or null
 * @param notes notes, or null
 * @param version the entry's version
 */
public record ExportCommand(
    String kind,
    long entryId,
    long userId,
    long projectId,
    Long taskId,
    Instant start,
    Instant end,
    Integer durationSeconds,
    String notes,
    long version) {

  /** Create or update the entry's event. */
  public static final String UPSERT = "upsert";

  /** Delete the entry's event. */
  public static final String DELETE = "delete";

  /** An upsert of a finished entry from the core's API. */
  public static ExportCommand of(TimeEntryDto e) {
    return new ExportCommand(
        UPSERT,
        e.id(),
        e.userId(),
        e.projectId(),
        e.taskId(),
        e.start(),
        e.end(),
        e.durationSeconds(),
        e.notes(),
        e.version());
  }

  /** A delete. */
  public static ExportCommand delete(long entryId, long userId, long projectId) {
    return new ExportCommand(DELETE, entryId, userId, projectId, null, null, null, null, null, 0);
  }
}
