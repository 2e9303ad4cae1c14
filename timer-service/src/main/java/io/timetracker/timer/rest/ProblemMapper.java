package io.timetracker.timer.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.failure.DependencyFailures;
import io.timetracker.timer.service.ApiException;
import io.timetracker.timer.service.Constraints;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into one {@code application/problem+json} shape with a stable code; never a
 * stack trace or a class name.
 */
public class ProblemMapper {
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response api(ApiException e) {
    Response problem = problem(e.status(), e.code(), e.title(), e.getMessage(), e.errors());
    return e.retryAfterSeconds() == null
        ? problem
        : Response.fromResponse(problem).header("Retry-After", e.retryAfterSeconds()).build();
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e) {
    return Problem.ofViolations(e.getConstraintViolations()).response().build();
  }

  /**
   * Wrong types and unknown fields: declared for this exact type so that it wins over the built-in
   * mapper of quarkus-rest-jackson, which answers plain JSON.
   */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return json(e);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return Problem.ofJsonError(e).response().build();
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return problem(401, "unauthorized", "Unauthorized", "A valid bearer token is required.", null);
  }

  @ServerExceptionMapper
  public Response authFailed(AuthenticationFailedException e) {
    return problem(401, "unauthorized", "Unauthorized", "A valid bearer token is required.", null);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return problem(403, "forbidden", "Forbidden", "Your role does not allow this.", null);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    if (e.getCause() instanceof ApiException api) {
      return api(api);
    }
    int status = e.getResponse().getStatus();
    // the JSON reader wraps parse errors in a plain 400
    if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
      return json(json);
    }
    if (status >= 500) {
      return DependencyFailures.isUnavailable(e) ? unavailable(e) : internal(e);
    }
    return Problem.forStatus(status).response().build();
  }

  @ServerExceptionMapper
  public Response stale(StaleStateException e) {
    return problem(
        409, "concurrent_update", "Conflict", "The resource changed concurrently; retry.", null);
  }

  @ServerExceptionMapper
  public Response any(Throwable e) {
    if (DependencyFailures.isUnavailable(e)) {
      return unavailable(e);
    }
    if (Constraints.isBadValue(e)) {
      return problem(
          400,
          "validation_failed",
          "Invalid request",
          "A value is too long or out of range.",
          null);
    }
    if (Constraints.violated(e).isPresent()) {
      return problem(409, "conflict", "Conflict", "The change conflicts with existing data.", null);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StaleStateException
          || t instanceof jakarta.persistence.OptimisticLockException) {
        return stale(null);
      }
      if (t instanceof ApiException api) {
        return api(api);
      }
    }
    return internal(e);
  }

  /** The database (or another dependency) cannot be reached: retry later, not a bug. */
  private static Response unavailable(Throwable e) {
    LOG.warnf("dependency unavailable: %s", e.getMessage());
    Response problem =
        problem(
            503,
            DependencyFailures.CODE,
            "Service unavailable",
            "A service this request needs is unreachable right now; retry shortly.",
            null);
    return Response.fromResponse(problem)
        .header("Retry-After", DependencyFailures.RETRY_AFTER_SECONDS)
        .build();
  }

  private static Response internal(Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected failure, problem id %s", id);
    return Problem.internal(id).response().build();
  }

  static Response problem(
      int status, String code, String title, String detail, List<Problem.FieldError> errors) {
    return Problem.of(status, code, title, detail, errors).response().build();
  }
}
