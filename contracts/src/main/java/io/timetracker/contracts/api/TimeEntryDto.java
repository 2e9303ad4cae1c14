package io.timetracker.contracts.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A time entry as the core's API returns it; {@code end} is null while the timer runs. */
@Schema(name = "TimeEntry", description = "A time entry; end is null while its timer runs.")
public record TimeEntryDto(
    long id,
    long userId,
    long projectId,
    Long taskId,
    Instant start,
    Instant end,
    @Schema(description = "Net duration after the owner's rounding; null while running.")
        Integer durationSeconds,
    String notes,
    List<String> tags,
    boolean billable,
    @Schema(enumeration = {"manual", "timer", "github", "gcal", "slack", "import"}) String source,
    String externalRef,
    boolean running,
    Instant createdAt,
    Instant updatedAt,
    long version) {}
