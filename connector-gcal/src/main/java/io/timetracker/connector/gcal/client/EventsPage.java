package io.timetracker.connector.gcal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One page of {@code events.list}: {@code nextPageToken} until the last page, which carries {@code
 * nextSyncToken} for the next incremental sync.
 *
 * @param items the events
 * @param nextPageToken the next page, or null
 * @param nextSyncToken on the last page: the token for the next incremental sync
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventsPage(List<CalendarEvent> items, String nextPageToken, String nextSyncToken) {

  /** Never null items. */
  public EventsPage {
    items = items == null ? List.of() : items;
  }
}
