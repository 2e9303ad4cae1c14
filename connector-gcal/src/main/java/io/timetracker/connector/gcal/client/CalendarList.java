package io.timetracker.connector.gcal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code calendarList.list}: the calendars of the account.
 *
 * @param items the calendars
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalendarList(List<Entry> items) {

  /** Never null items. */
  public CalendarList {
    items = items == null ? List.of() : items;
  }

  /** One calendar. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Entry(String id, String summary, Boolean primary) {}
}
