package io.timetracker.connector.kit.inbox;

import java.util.List;

/**
 * A page of the delivery log, newest first.
 *
 * @param items the deliveries
 * @param page page number, from 0
 * @param size page size asked for
 * @param hasMore whether an older page exists
 */
public record DeliveryPage(List<DeliverySummary> items, int page, int size, boolean hasMore) {

  /** Copies the list. */
  public DeliveryPage {
    items = List.copyOf(items);
  }
}
