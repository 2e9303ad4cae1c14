package io.timetracker.contracts.event;

/** A time entry was deleted ({@code timetracker.time-entry.deleted.v1}). */
public record TimeEntryDeleted(
    long entryId, long userId, long projectId, String source, String externalRef)
    implements TimeEntryEvent {}
