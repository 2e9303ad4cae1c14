package io.timetracker.connector.kit.masking;

/**
 * Stands in for a logged exception whose message (or a cause's) contains a credential: same stack
 * trace and cause chain, masked text. Its {@link #toString()} is the original's, masked, so the log
 * shows the original exception type.
 */
final class MaskedThrowable extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final int MAX_DEPTH = 16;

  private final String description;

  private MaskedThrowable(String description, Throwable cause) {
    super(description, cause, false, true);
    this.description = description;
  }

  /** {@code thrown} itself when nothing in its chain needs masking, else a masked copy. */
  static Throwable mask(Throwable thrown) {
    return mask(thrown, 0);
  }

  private static Throwable mask(Throwable thrown, int depth) {
    if (thrown == null || depth > MAX_DEPTH) {
      return thrown;
    }
    String text = thrown.toString();
    String masked = SecretMasker.mask(text);
    Throwable cause = thrown.getCause() == thrown ? null : thrown.getCause();
    Throwable maskedCause = mask(cause, depth + 1);
    if (masked.equals(text) && maskedCause == cause) {
      return thrown;
    }
    MaskedThrowable copy = new MaskedThrowable(masked, maskedCause);
    copy.setStackTrace(thrown.getStackTrace());
    return copy;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    // the original's stack trace is copied in; capturing our own would be wasted work
    return this;
  }

  @Override
  public String toString() {
    return description;
  }
}
