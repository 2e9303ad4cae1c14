package io.timetracker.connector.kit.masking;

/** A failure described for a {@code last_error} column or an API answer: masked and bounded. */
public final class ErrorText {

  /** The longest text stored, matching the {@code last_error} columns. */
  public static final int MAX_LENGTH = 2000;

  private ErrorText() {}

  /** {@code SimpleName: message}, masked, at most {@link #MAX_LENGTH} characters. */
  public static String of(Throwable failure) {
    if (failure == null) {
      return null;
    }
    String message = failure.getMessage();
    String text =
        message == null || message.isBlank()
            ? failure.getClass().getSimpleName()
            : failure.getClass().getSimpleName() + ": " + message;
    return of(text);
  }

  /** The text masked and cut to at most {@link #MAX_LENGTH} characters. */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    String masked = SecretMasker.mask(text);
    return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH - 1) + "…";
  }
}
