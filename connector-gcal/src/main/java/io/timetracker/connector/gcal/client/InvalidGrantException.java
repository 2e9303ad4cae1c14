package io.timetracker.connector.gcal.client;

/**
 * Google answered {@code invalid_grant}: the code or refresh token is revoked, expired or was
 * issued to an app in "Testing" mode more than 7 days ago. No retry helps; the person must connect
 * again.
 */
public class InvalidGrantException extends RuntimeException {

  /** With Google's answer (masked by the caller before it is shown). */
  public InvalidGrantException(String message) {
    super(message);
  }
}
