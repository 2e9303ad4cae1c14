package io.timetracker.contracts.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Creates a client (name required) or changes one (absent fields stay). */
@Schema(name = "ClientRequest")
public record ClientRequest(
    @Size(min = 1, max = 200) String name,
    @Pattern(regexp = "active|inactive") String status,
    @DecimalMin("0") BigDecimal defaultHourlyRate) {}
