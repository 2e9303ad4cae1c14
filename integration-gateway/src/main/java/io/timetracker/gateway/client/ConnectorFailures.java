package io.timetracker.gateway.client;

/** Which failures of a connector call count against its circuit breaker. */
public final class ConnectorFailures {

  private ConnectorFailures() {}

  /**
   * True for an outage (unreachable, reset, timed out, 5xx); false for a refusal (4xx), which says
   * the connector is working.
   */
  public static boolean isOutage(Throwable failure) {
    return !(failure instanceof ConnectorAnswerException answer) || answer.outage();
  }
}
