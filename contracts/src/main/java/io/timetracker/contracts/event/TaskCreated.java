package io.timetracker.contracts.event;

import java.time.Instant;

/** A task was created ({@code timetracker.task.created.v1}). */
public record TaskCreated(
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
