package io.timetracker.contracts.api;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A project of a client. */
@Schema(name = "Project")
public record ProjectDto(
    long id,
    long clientId,
    String name,
    String code,
    @Schema(enumeration = {"active", "inactive", "archived"}) String status,
    boolean billable,
    BigDecimal hourlyRate) {}
