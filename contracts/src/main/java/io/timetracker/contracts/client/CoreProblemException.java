package io.timetracker.contracts.client;

/**
 * The core answered with an error ({@code application/problem+json}): the HTTP status and the
 * problem's stable machine {@code code} (e.g. {@code project_archived}, {@code validation_failed}).
 * Subclasses name the cases callers handle differently: {@link CoreNotFoundException}, {@link
 * CoreConflictException} (and {@link TimerAlreadyRunningException}), {@link
 * CoreAccessDeniedException} and the retryable {@link CoreUnavailableException}.
 */
public class CoreProblemException extends RuntimeException {
  private final int status;
  private final String code;
  private final String detail;

  public CoreProblemException(int status, String code, String detail) {
    super("timer-service answered " + status + " " + code + (detail == null ? "" : ": " + detail));
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The problem's machine-readable code, or a code derived from the status when it had none. */
  public String code() {
    return code;
  }

  /** The problem's human-readable detail, safe to log; may be null. */
  public String detail() {
    return detail;
  }

  /** Whether trying again later may succeed (429 and 5xx); 4xx answers are final. */
  public boolean isRetryable() {
    return false;
  }
}
