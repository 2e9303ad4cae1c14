package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Starts the caller's timer on a project, optionally on one of its tasks. */
@Schema(name = "StartTimerRequest")
public record StartTimerRequest(
    @NotNull Long projectId, Long taskId, @Size(max = 10000) String notes, List<String> tags) {}
