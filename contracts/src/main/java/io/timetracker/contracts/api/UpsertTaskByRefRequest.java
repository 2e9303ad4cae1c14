package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Creates or updates the task with this external reference in the project; status changes go
 * through the task's transitions (completing sets {@code completedAt}).
 */
@Schema(name = "UpsertTaskByRefRequest")
public record UpsertTaskByRefRequest(
    @NotNull Long projectId,
    @NotBlank @Size(max = 200) String externalRef,
    @NotNull @Pattern(regexp = "github|gcal|slack|import") String externalSource,
    @NotBlank @Size(max = 200) String name,
    @Size(max = 20000) String description,
    @Pattern(regexp = "todo|in_progress|review|done|cancelled") String status,
    @Pattern(regexp = "low|medium|high|urgent") String priority) {}
