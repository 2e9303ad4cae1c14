package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates or replaces a finished time entry identified by a connector's external reference. */
@Schema(name = "ExternalTimeEntryRequest")
public record ExternalTimeEntryRequest(
    @NotBlank @Size(max = 200) String externalRef,
    @NotNull @Pattern(regexp = "github|gcal|slack|import") String source,
    @NotNull Long projectId,
    Long taskId,
    @NotNull Instant start,
    @NotNull Instant end,
    @Size(max = 10000) String notes,
    Boolean billable) {}
