package io.timetracker.timer.rest;

import io.timetracker.contracts.api.TimeEntryDto;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI name of a page of time entries: the generic {@code PageDto<T>} would be documented as
 * {@code Page}, {@code Page1}, … by the scanner, which generated clients turn into meaningless
 * class names. Documentation only; the answer is a {@code PageDto<TimeEntryDto>} of the same shape.
 */
@Schema(name = "TimeEntryPage", description = "One page of the caller's time entries")
record TimeEntryPage(
    @Schema(required = true) List<TimeEntryDto> items,
    @Schema(required = true, description = "0-based page number") int page,
    @Schema(required = true) int size,
    @Schema(required = true, description = "entries matching the filters, on all pages")
        long total) {}
