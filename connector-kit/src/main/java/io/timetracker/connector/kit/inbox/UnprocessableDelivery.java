package io.timetracker.connector.kit.inbox;

/**
 * A delivery that no retry can fix as things stand (malformed payload, connection gone, required
 * setting missing): the runner marks it dead at once with this message in the delivery log; the
 * owner can redeliver it after fixing the cause. The message must hold no secret.
 */
public class UnprocessableDelivery extends RuntimeException {

  /** With a reason for the delivery log. */
  public UnprocessableDelivery(String reason) {
    super(reason);
  }
}
