package io.timetracker.contracts.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates a task (project and name required) or changes one (absent fields stay). */
@Schema(name = "TaskRequest")
public record TaskRequest(
    Long projectId,
    @Size(min = 1, max = 200) String name,
    @Size(max = 20000) String description,
    @Pattern(regexp = "todo|in_progress|review|done|cancelled") String status,
    @Pattern(regexp = "low|medium|high|urgent") String priority,
    Long assigneeId) {}
