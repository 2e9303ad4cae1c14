package io.timetracker.connector.kit.inbox;

/**
 * How processing one delivery ended.
 *
 * @param kind done, to be retried with backoff, or dead
 * @param reason why (for retry and dead), shown in the delivery log; {@code null} when done
 */
public record ProcessOutcome(Kind kind, String reason) {

  /** The three ends of an attempt. */
  public enum Kind {
    /** Processed; the delivery is done. */
    DONE,
    /** Failed for a reason that may pass (core busy or down, a concurrent change): retry later. */
    RETRY,
    /** No retry can fix it as things stand; only a manual redeliver brings it back. */
    DEAD
  }

  private static final ProcessOutcome DONE = new ProcessOutcome(Kind.DONE, null);

  /** Processed. */
  public static ProcessOutcome done() {
    return DONE;
  }

  /** Retry later with backoff (dead once the attempts are used up). */
  public static ProcessOutcome retry(String reason) {
    return new ProcessOutcome(Kind.RETRY, reason);
  }

  /** Dead at once. */
  public static ProcessOutcome dead(String reason) {
    return new ProcessOutcome(Kind.DEAD, reason);
  }
}
