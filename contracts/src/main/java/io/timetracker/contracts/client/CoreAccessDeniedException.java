package io.timetracker.contracts.client;

/**
 * 401 or 403: the connector's token is missing, expired or lacks role {@code service}, or the user
 * may not touch the resource. Not retryable: it needs a configuration or data change.
 */
public class CoreAccessDeniedException extends CoreProblemException {
  public CoreAccessDeniedException(int status, String code, String detail) {
    super(status, code, detail);
  }
}
