package io.timetracker.connector.gcal.service;

import io.timetracker.connector.kit.problem.ApiException;

/** The connection has no usable grant: the person must connect Google Calendar again. */
public class ReconnectNeededException extends ApiException {

  /** The fixed message shown in status and answers. */
  public static final String MESSAGE =
      "Reconnect needed: Google no longer accepts this connection's grant.";

  /** Conflict with the connection's state (409 {@code reconnect_needed}). */
  public ReconnectNeededException() {
    super(409, "reconnect_needed", MESSAGE);
  }
}
