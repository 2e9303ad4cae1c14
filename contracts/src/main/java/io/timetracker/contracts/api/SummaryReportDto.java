package io.timetracker.contracts.api;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Completed work between two local dates (inclusive) grouped by project, task or day. */
@Schema(name = "SummaryReport")
public record SummaryReportDto(
    LocalDate from,
    LocalDate to,
    String timeZone,
    String groupBy,
    long totalSeconds,
    double totalHours,
    List<SummaryRowDto> rows) {}
