package io.timetracker.connector.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.timetracker.connector.kit.crypto.EncryptionUnavailableException;
import io.timetracker.connector.kit.masking.ErrorText;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.client.CoreProblemException;
import io.timetracker.contracts.client.CoreUnavailableException;
import io.timetracker.contracts.failure.DependencyFailures;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one exception mapper of every connector: each failure becomes the suite's problem document
 * (built by contracts' {@link Problem}, as the core's are), never a class name or stack trace. A
 * dependency that is down (database, the core) is a 503 with {@code Retry-After}, never a 4xx.
 */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
  private static final Duration RETRY_AFTER =
      Duration.ofSeconds(DependencyFailures.RETRY_AFTER_SECONDS);

  @ServerExceptionMapper
  public Response api(ApiException e) {
    if (e.status() >= 500) {
      LOG.warnf("%d %s: %s", e.status(), e.code(), e.getMessage());
    }
    return withRetryAfter(e.problem().response(), e.retryAfter().orElse(null));
  }

  @ServerExceptionMapper
  public Response encryption(EncryptionUnavailableException e) {
    return api(
        new ApiException(
            503,
            "encryption_unavailable",
            "Secrets cannot be stored: no encryption key is configured."));
  }

  /** The core refused or failed; its 4xx are passed on, its outages become 503. */
  @ServerExceptionMapper
  public Response core(CoreProblemException e) {
    if (e.isRetryable()) {
      Duration wait = ((CoreUnavailableException) e).retryAfter().orElse(RETRY_AFTER);
      return api(
          new ApiException(
              503, "core_unavailable", "timer-service is unavailable; try again later.", wait));
    }
    int status = e.status() == 401 ? 502 : e.status();
    return Problem.of(status, e.code(), ErrorText.of(e.detail())).response().build();
  }

  /** A breaker is open or a call ran out of time: a dependency is down, not the request wrong. */
  @ServerExceptionMapper({CircuitBreakerOpenException.class, TimeoutException.class})
  public Response faultTolerance(RuntimeException e) {
    return api(ApiException.dependencyDown("A service this connector needs", RETRY_AFTER));
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return Problem.of(401, "unauthorized", "A valid bearer token is required.").response().build();
  }

  @ServerExceptionMapper
  public Response authFailed(AuthenticationFailedException e) {
    return unauthorized(null);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return Problem.of(403, "forbidden", "Your role does not allow this.").response().build();
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e) {
    return Problem.ofViolations(e.getConstraintViolations()).response().build();
  }

  /** Declared for this exact type so it wins over quarkus-rest-jackson's plain-JSON mapper. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return json(e);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return Problem.ofJsonError(e).response().build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    // the JSON reader wraps parse errors in a plain 400
    if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
      return json(json);
    }
    if (status >= 500) {
      return any(e);
    }
    return Problem.forStatus(status).response().build();
  }

  @ServerExceptionMapper
  public Response any(Throwable e) {
    if (DependencyFailures.isUnavailable(e)) {
      LOG.warnf("dependency down: %s", ErrorText.of(e));
      return api(ApiException.dependencyDown("A service this connector needs", RETRY_AFTER));
    }
    String id = UUID.randomUUID().toString();
    LOG.errorf("unexpected failure, problem id %s: %s", id, ErrorText.of(e));
    return Problem.internal(id).response().build();
  }

  private static Response withRetryAfter(Response.ResponseBuilder response, Duration wait) {
    if (wait != null) {
      response.header("Retry-After", Math.max(1, wait.toSeconds()));
    }
    return response.build();
  }
}
