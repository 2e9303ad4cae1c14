package io.timetracker.connector.github.rest;

import io.timetracker.connector.github.service.ApiProblem;
import io.timetracker.connector.kit.crypto.EncryptionUnavailableException;
import io.timetracker.connector.kit.masking.ErrorText;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.client.CoreProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as {@code application/problem+json}; never a class name or stack trace. */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response api(ApiProblem p) {
    return problem(p.status(), p.code(), p.getMessage());
  }

  @ServerExceptionMapper
  public Response encryption(EncryptionUnavailableException e) {
    return problem(
        503,
        "encryption_unavailable",
        "Secrets cannot be stored: no encryption key is configured.");
  }

  /** The core refused or failed; its 4xx are passed on, its outages become 503. */
  @ServerExceptionMapper
  public Response core(CoreProblemException e) {
    if (e.isRetryable()) {
      return problem(503, "core_unavailable", "timer-service is unavailable; try again later.");
    }
    int status = e.status() == 401 ? 502 : e.status();
    return problem(status, e.code(), ErrorText.of(e.detail()));
  }

  @ServerExceptionMapper
  public Response unauthorized(io.quarkus.security.UnauthorizedException e) {
    return problem(401, "unauthorized", "A valid bearer token is required.");
  }

  @ServerExceptionMapper
  public Response authFailed(io.quarkus.security.AuthenticationFailedException e) {
    return problem(401, "unauthorized", "A valid bearer token is required.");
  }

  @ServerExceptionMapper
  public Response forbidden(io.quarkus.security.ForbiddenException e) {
    return problem(403, "forbidden", "Your role does not allow this.");
  }

  @ServerExceptionMapper
  public Response validation(jakarta.validation.ConstraintViolationException e) {
    String detail =
        e.getConstraintViolations().stream()
            .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
            .sorted()
            .collect(java.util.stream.Collectors.joining("; "));
    return problem(400, "validation_failed", detail);
  }

  @ServerExceptionMapper
  public Response web(jakarta.ws.rs.WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return internal(e);
    }
    return problem(status, Problem.codeFor(status), Problem.titleFor(status) + ".");
  }

  @ServerExceptionMapper
  public Response any(Throwable e) {
    return internal(e);
  }

  private static Response internal(Throwable e) {
    String id = java.util.UUID.randomUUID().toString();
    LOG.errorf("unexpected failure, problem id %s: %s", id, ErrorText.of(e));
    return problem(500, "internal_error", "Unexpected failure; reference " + id + ".");
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  static Response problem(int status, String code, String detail) {
    if (status >= 500) {
      LOG.warnf("%d %s: %s", status, code, detail);
    }
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem("about:blank", Problem.titleFor(status), status, detail, code, null, null))
        .build();
  }
}
