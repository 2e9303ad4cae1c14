package io.timetracker.contracts.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates a project (client and name required) or changes one (absent fields stay). */
@Schema(name = "ProjectRequest")
public record ProjectRequest(
    Long clientId,
    @Size(min = 1, max = 200) String name,
    @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String code,
    @Pattern(regexp = "active|inactive|archived") String status,
    Boolean billable,
    @DecimalMin("0") BigDecimal hourlyRate) {}
