package io.timetracker.contracts.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timetracker.contracts.api.Problem;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Maps the core's error answers (RFC 9457 problem documents) to typed exceptions. */
public final class CoreProblems {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CoreProblems() {}

  /** The exception for an error response; reads the body as a problem document if it is one. */
  public static CoreProblemException from(Response response) {
    String body = null;
    try {
      if (response.hasEntity()) {
        body = response.readEntity(String.class);
      }
    } catch (RuntimeException unreadable) {
      // keep the status; the body was not readable text
    }
    return from(
        response.getStatus(), body, response.getHeaderString("Retry-After"), Clock.systemUTC());
  }

  /** The exception for a status, a response body (may be null) and a Retry-After value. */
  public static CoreProblemException from(int status, String body, String retryAfter, Clock clock) {
    Problem problem = parse(body);
    String code = problem != null && problem.code() != null ? problem.code() : codeOf(status);
    String detail = problem == null ? null : problem.detail();
    if (status == 404) {
      return new CoreNotFoundException(code, detail);
    }
    if (status == 409) {
      return TimerAlreadyRunningException.CODE.equals(code)
          ? new TimerAlreadyRunningException(detail)
          : new CoreConflictException(code, detail);
    }
    if (status == 401 || status == 403) {
      return new CoreAccessDeniedException(status, code, detail);
    }
    if (status == 429 || status >= 500) {
      return new CoreUnavailableException(status, code, detail, retryAfter(retryAfter, clock));
    }
    return new CoreProblemException(status, code, detail);
  }

  private static Problem parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(body, Problem.class);
    } catch (Exception notAProblem) {
      // a proxy's HTML page or plain text: only the status is known
      return null;
    }
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 429 -> "too_many_requests";
      case 502, 503, 504 -> "unavailable";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
  }

  // Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3)
  static Duration retryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException neither) {
        return null;
      }
    }
  }
}
