package io.timetracker.connector.github.service;

/**
 * A request this service refuses, with the HTTP status and a stable machine code; {@code rest/}
 * turns it into {@code application/problem+json}.
 */
public class ApiProblem extends RuntimeException {

  private final int status;
  private final String code;

  /** A problem with a status, code and human-readable detail (no secrets in it). */
  public ApiProblem(int status, String code, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }

  /** 404: no such connection for this caller (another user's looks the same). */
  public static ApiProblem connectionNotFound() {
    return new ApiProblem(404, "connection_not_found", "No such GitHub connection.");
  }

  /** 400 with a code naming what is wrong. */
  public static ApiProblem invalid(String code, String detail) {
    return new ApiProblem(400, code, detail);
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** Machine code. */
  public String code() {
    return code;
  }
}
