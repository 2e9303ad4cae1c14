package io.timetracker.timer.service;

import io.timetracker.contracts.api.Problem;
import java.util.List;

/**
 * A domain rule refused a request: carries the HTTP status, a stable machine code and a detail that
 * is safe to show to the caller.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String title;
  private final transient List<Problem.FieldError> errors;
  private Integer retryAfterSeconds;

  public ApiException(int status, String code, String title, String detail) {
    this(status, code, title, detail, null);
  }

  public ApiException(
      int status, String code, String title, String detail, List<Problem.FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = errors;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }

  /** Seconds after which a retry may succeed ({@code Retry-After}), or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The same refusal, telling the caller when to retry. */
  public ApiException retryAfter(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  public static ApiException notFound(String code, String detail) {
    return new ApiException(404, code, "Not found", detail);
  }

  public static ApiException conflict(String code, String detail) {
    return new ApiException(409, code, "Conflict", detail);
  }

  public static ApiException forbidden(String code, String detail) {
    return new ApiException(403, code, "Forbidden", detail);
  }

  public static ApiException unprocessable(String code, String detail) {
    return new ApiException(422, code, "Unprocessable request", detail);
  }

  /** A single invalid field. */
  public static ApiException invalidField(String field, String message) {
    return new ApiException(
        400,
        "validation_failed",
        "Invalid request",
        field + ": " + message,
        List.of(new Problem.FieldError(field, message)));
  }

  public static ApiException timerAlreadyRunning() {
    return conflict(
        "timer_already_running",
        "You already have an active timer. Stop it before starting a new one.");
  }
}
