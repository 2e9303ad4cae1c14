package io.timetracker.connector.kit.problem;

import io.timetracker.contracts.api.Problem;
import java.time.Duration;
import java.util.Optional;

/**
 * A request a connector refuses or cannot serve now, with the HTTP status and a stable machine
 * code; the kit's {@link ProblemMapper} answers it as the suite's one problem document. The detail
 * is shown to the caller: never put a secret in it.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Duration retryAfter;

  /** A problem with a status, code and human-readable detail. */
  public ApiException(int status, String code, String detail) {
    this(status, code, detail, null);
  }

  /** A problem that tells the caller when to try again ({@code Retry-After}). */
  public ApiException(int status, String code, String detail, Duration retryAfter) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** 400 with a code naming what is wrong. */
  public static ApiException invalid(String code, String detail) {
    return new ApiException(400, code, detail);
  }

  /** 404 with a code naming what was not found. */
  public static ApiException notFound(String code, String detail) {
    return new ApiException(404, code, detail);
  }

  /** 503 {@code dependency_unavailable}: something this service needs is down; try again later. */
  public static ApiException dependencyDown(String what, Duration retryAfter) {
    return new ApiException(
        503, "dependency_unavailable", what + " is unavailable; try again later.", retryAfter);
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** Machine code. */
  public String code() {
    return code;
  }

  /** When the caller may try again, if the answer says. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The problem document of this exception. */
  public Problem problem() {
    return Problem.of(status, code, getMessage());
  }
}
