package io.timetracker.contracts.api;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer that projects belong to. */
@Schema(name = "Client")
public record ClientDto(
    long id,
    String name,
    @Schema(enumeration = {"active", "inactive"}) String status,
    BigDecimal defaultHourlyRate) {}
