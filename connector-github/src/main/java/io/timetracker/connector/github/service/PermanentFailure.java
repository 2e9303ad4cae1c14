package io.timetracker.connector.github.service;

import io.timetracker.connector.kit.inbox.UnprocessableDelivery;

/**
 * A GitHub delivery that no retry can fix as things stand (connection gone, no default project,
 * malformed payload): the inbox runner marks it dead at once, with this message in the delivery
 * log, and the owner can redeliver it after fixing the cause.
 */
public class PermanentFailure extends UnprocessableDelivery {
  /** With a reason for the delivery log (no secrets). */
  public PermanentFailure(String reason) {
    super(reason);
  }
}
