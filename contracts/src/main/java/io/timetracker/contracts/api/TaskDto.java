package io.timetracker.contracts.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task of a project, optionally linked to an item in an outside system. */
@Schema(name = "Task")
public record TaskDto(
    long id,
    long projectId,
    String name,
    String description,
    @Schema(enumeration = {"todo", "in_progress", "review", "done", "cancelled"}) String status,
    @Schema(enumeration = {"low", "medium", "high", "urgent"}) String priority,
    Long assigneeId,
    Instant startedAt,
    Instant completedAt,
    String externalRef,
    String externalSource,
    long version) {}
