package io.timetracker.contracts.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One group of a summary report: a project, a task or a local day. */
@Schema(name = "SummaryRow")
public record SummaryRowDto(String key, String label, long seconds, double hours, int entries) {}
