package io.timetracker.connector.kit.signature;

import java.util.Objects;

/**
 * Outcome of a webhook signature check: valid, or rejected for exactly one {@link
 * SignatureFailure}. Verifiers return this and never throw, whatever the input.
 *
 * @param valid whether the signature matched
 * @param failure why it was rejected; {@code null} when valid
 */
public record SignatureCheck(boolean valid, SignatureFailure failure) {

  private static final SignatureCheck OK = new SignatureCheck(true, null);

  /** Keeps the two components consistent: a failure exactly when not valid. */
  public SignatureCheck {
    if (valid != (failure == null)) {
      throw new IllegalArgumentException("a failure reason is required exactly when not valid");
    }
  }

  /** The signature matched. */
  public static SignatureCheck ok() {
    return OK;
  }

  /** The signature was rejected for the given reason. */
  public static SignatureCheck rejected(SignatureFailure failure) {
    return new SignatureCheck(false, Objects.requireNonNull(failure, "failure"));
  }
}
