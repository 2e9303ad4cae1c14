package io.timetracker.timer.service;

import io.timetracker.timer.config.CodePointSizes;
import io.timetracker.timer.mapping.DtoMapper;
import java.time.Instant;
import java.util.List;

/**
 * Checks of time-entry fields that the database could not store, so that they fail as a 400 naming
 * the field instead of an error at insert time.
 */
final class EntryFields {
  /** Width of the {@code time_entries.tags} column. */
  static final int MAX_TAG_CHARS = 500;

  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private EntryFields() {}

  /** The tags joined for storage; 400 when they do not fit the column. */
  static String tags(List<String> tags) {
    String joined = DtoMapper.joinTags(tags);
    if (joined != null && CodePointSizes.length(joined) > MAX_TAG_CHARS) {
      throw ApiException.invalidField(
          "tags", "must be at most " + MAX_TAG_CHARS + " characters together");
    }
    return joined;
  }

  /**
   * Refuses instants a time tracker never needs: besides being typos, instants beyond PostgreSQL's
   * range would not be stored faithfully.
   */
  static void instant(String field, Instant value) {
    if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
      throw ApiException.invalidField(field, "must be between the years 1900 and 9999");
    }
  }

  /** Start and end of a finished entry: both storable, end not before start. */
  static void period(Instant start, Instant end) {
    instant("start", start);
    instant("end", end);
    if (end.isBefore(start)) {
      throw ApiException.invalidField("end", "must not be before start");
    }
  }
}
