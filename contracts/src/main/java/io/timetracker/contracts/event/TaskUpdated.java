package io.timetracker.contracts.event;

import java.time.Instant;

/** A task was updated ({@code timetracker.task.updated.v1}). */
public record TaskUpdated(
    long taskId,
    long projectId,
    String name,
    String description,
    String status,
    String priority,
    Long assigneeId,
    Instant startedAt,
    Instant completedAt,
    String externalRef,
    String externalSource,
    long version)
    implements TaskEvent {}
