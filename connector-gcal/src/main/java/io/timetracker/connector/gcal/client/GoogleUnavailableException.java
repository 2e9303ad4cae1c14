package io.timetracker.connector.gcal.client;

/** Google could not be reached or answered a server error; retried. */
public class GoogleUnavailableException extends GoogleApiException {

  /** With the cause. */
  public GoogleUnavailableException(String message, Throwable cause) {
    super(503, message, cause);
  }
}
