package io.timetracker.contracts.api;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partial update of a time entry: absent (null) fields stay as they are. */
@Schema(name = "UpdateTimeEntryRequest")
public record UpdateTimeEntryRequest(
    Long projectId,
    Long taskId,
    Instant start,
    Instant end,
    @Size(max = 10000) String notes,
    @Size(max = 20) List<@Size(max = 50) String> tags,
    Boolean billable,
    @Schema(description = "Optimistic-lock version the client last saw; 409 when stale.")
        Long version) {}
