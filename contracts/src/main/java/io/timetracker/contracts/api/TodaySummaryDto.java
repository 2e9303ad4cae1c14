package io.timetracker.contracts.api;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Completed work of one user on their local calendar day. */
@Schema(name = "TodaySummary")
public record TodaySummaryDto(
    LocalDate date, String timeZone, long seconds, double hours, int projects, int entries) {}
