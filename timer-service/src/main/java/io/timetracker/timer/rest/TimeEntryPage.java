package io.timetracker.timer.rest;

import io.timetracker.contracts.api.PageDto;
import io.timetracker.contracts.api.TimeEntryDto;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of time entries as the API answers it. The generic {@code PageDto<T>} of contracts would
 * be documented as {@code Page}, {@code Page1}, … by the OpenAPI scanner, which generated clients
 * turn into meaningless class names; a page of another kind gets its own record like this one.
 */
@Schema(name = "TimeEntryPage", description = "One page of the caller's time entries")
public record TimeEntryPage(
    @Schema(required = true) List<TimeEntryDto> items,
    @Schema(required = true, description = "0-based page number") int page,
    @Schema(required = true) int size,
    @Schema(required = true, description = "entries matching the filters, on all pages")
        long total) {

  static TimeEntryPage of(PageDto<TimeEntryDto> page) {
    return new TimeEntryPage(page.items(), page.page(), page.size(), page.total());
  }
}
