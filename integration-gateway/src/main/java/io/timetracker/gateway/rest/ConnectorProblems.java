package io.timetracker.gateway.rest;

import io.timetracker.connector.kit.api.NotConfigured;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.problem.ProblemMapper;
import io.timetracker.contracts.api.Problem;
import io.timetracker.gateway.client.ConnectorAnswerException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How a connector's error answer reaches the person: "no connection" is the original's {@code
 * {"ok": false, "error": "Integration not configured"}} (HTTP 200, what the settings page shows); a
 * refusal (4xx) is passed on as the connector wrote it; an outage (5xx) is the gateway's 503 with
 * {@code Retry-After}; a connector refusing the propagated token is a 502 (misconfigured audience,
 * not the person's fault).
 */
public class ConnectorProblems {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
  private final ProblemMapper problems = new ProblemMapper();

  @ServerExceptionMapper
  public Response connector(ConnectorAnswerException e) {
    if (e.notConfigured()) {
      return Response.ok(NotConfigured.INSTANCE, MediaType.APPLICATION_JSON_TYPE).build();
    }
    if (e.outage()) {
      return problems.api(
          new ApiException(
              503,
              "connector_unavailable",
              "The connector is unavailable; try again later.",
              e.retryAfter().map(ConnectorProblems::seconds).orElse(RETRY_AFTER)));
    }
    if (e.status() == 401) {
      return Problem.of(
              502, "connector_rejected_token", "The connector did not accept the sign-in token.")
          .response()
          .build();
    }
    return Response.status(e.status())
        .type(e.contentType().orElse(Problem.MEDIA_TYPE))
        .entity(e.body())
        .build();
  }

  private static Duration seconds(String retryAfter) {
    try {
      return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
    } catch (NumberFormatException ex) {
      return RETRY_AFTER;
    }
  }
}
