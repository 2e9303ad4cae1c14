package io.timetracker.contracts.event;

import java.time.Instant;

/** A running timer stopped, with its rounded duration ({@code …time-entry.stopped.v1}). */
public record TimeEntryStopped(
    long entryId,
    long userId,
    long projectId,
    Long taskId,
    Instant start,
    Instant end,
    int durationSeconds,
    String notes,
    boolean billable,
    String source,
    String externalRef,
    long version)
    implements TimeEntryEvent {}
