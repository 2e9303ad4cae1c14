package io.timetracker.contracts.event;

import java.time.Instant;
import java.util.List;

/**
 * A time entry was created ({@code timetracker.time-entry.created.v1}); end is null while running.
 */
public record TimeEntryCreated(
    long entryId,
    long userId,
    long projectId,
    Long taskId,
    Instant start,
    Instant end,
    Integer durationSeconds,
    String notes,
    List<String> tags,
    boolean billable,
    String source,
    String externalRef,
    long version)
    implements TimeEntryEvent {}
