package io.timetracker.contracts.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether a user's timer runs, and if so which entry and for how long. */
@Schema(name = "TimerStatus")
public record TimerStatusDto(
    boolean running, TimeEntryDto entry, String projectName, Long elapsedSeconds) {}
