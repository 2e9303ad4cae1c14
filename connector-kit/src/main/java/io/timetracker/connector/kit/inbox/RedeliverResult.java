package io.timetracker.connector.kit.inbox;

/** What {@link Inbox#redeliver} did. */
public enum RedeliverResult {
  /** Reset to {@code received}, attempts 0, due now. */
  REQUEUED,
  /** No such delivery for that connection. */
  NOT_FOUND,
  /** Being processed right now; try again later. */
  IN_PROGRESS
}
