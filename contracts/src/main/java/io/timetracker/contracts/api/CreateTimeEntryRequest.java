package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A finished time entry entered by hand. */
@Schema(name = "CreateTimeEntryRequest")
public record CreateTimeEntryRequest(
    @NotNull Long projectId,
    Long taskId,
    @NotNull Instant start,
    @NotNull Instant end,
    @Size(max = 10000) String notes,
    @Size(max = 20) List<@Size(max = 50) String> tags,
    Boolean billable) {}
