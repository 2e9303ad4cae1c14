package io.timetracker.contracts.event;

import java.time.Instant;

/** A task moved between statuses ({@code timetracker.task.status-changed.v1}). */
public record TaskStatusChanged(
    long taskId,
    long projectId,
    String previousStatus,
    String status,
    Instant startedAt,
    Instant completedAt,
    String externalRef,
    String externalSource,
    long version)
    implements TaskEvent {}
