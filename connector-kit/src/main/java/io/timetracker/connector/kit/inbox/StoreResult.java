package io.timetracker.connector.kit.inbox;

import java.util.UUID;

/**
 * What {@link Inbox#store} did.
 *
 * @param outcome stored now, or a repeat of a delivery already stored
 * @param id the row's id, the stored one in both cases
 */
public record StoreResult(Outcome outcome, UUID id) {

  /** Stored or duplicate. */
  public enum Outcome {
    /** A new delivery, now stored. */
    STORED,
    /** The provider's delivery id was already stored; nothing changed. */
    DUPLICATE
  }

  /** True for a repeat delivery. */
  public boolean duplicate() {
    return outcome == Outcome.DUPLICATE;
  }
}
