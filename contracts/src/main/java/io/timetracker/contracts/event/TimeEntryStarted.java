package io.timetracker.contracts.event;

import java.time.Instant;

/** A timer started: a running entry exists ({@code timetracker.time-entry.started.v1}). */
public record TimeEntryStarted(
    long entryId,
    long userId,
    long projectId,
    Long taskId,
    Instant start,
    String notes,
    String source,
    String externalRef,
    long version)
    implements TimeEntryEvent {}
