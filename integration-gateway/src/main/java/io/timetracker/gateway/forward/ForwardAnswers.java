package io.timetracker.gateway.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.failure.DependencyFailures;
import io.timetracker.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The gateway's own answers on a forwarded route, when the connector could not give one: too large,
 * rate limited, connector slow or down. problem+json everywhere except Slack commands, which get
 * Slack's ephemeral message so the person sees "try again" instead of Slack's timeout.
 */
@ApplicationScoped
public class ForwardAnswers {

  /** The ephemeral text a Slack command gets while connector-slack is slow or down. */
  public static final String SLACK_TRY_AGAIN =
      "TimeTracker cannot answer right now. Please try again in a minute.";

  private final ObjectMapper json;

  /** Jackson for the documents. */
  public ForwardAnswers(ObjectMapper json) {
    this.json = json;
  }

  /** 413: the body is over the route's cap; the connection is closed. */
  public void tooLarge(RoutingContext ctx, long max) {
    HttpServerResponse response = ctx.response().putHeader("Connection", "close");
    problem(response, Problem.of(413, "payload_too_large", "Body larger than " + max + " bytes."));
  }

  /** 429 with {@code Retry-After}: this source sent more than the route allows. */
  public void rateLimited(RoutingContext ctx, long retryAfterSeconds) {
    HttpServerResponse response =
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
    problem(
        response,
        Problem.of(
            429,
            "rate_limited",
            "Too many requests from this source; retry after " + retryAfterSeconds + " s."));
  }

  /** The connector did not start answering in time. */
  public void timedOut(RoutingContext ctx, ForwardTarget target) {
    if (slackCommand(ctx, target)) {
      slackTryAgain(ctx);
      return;
    }
    if (target.route().fallback() == GatewayConfig.Fallback.SLACK) {
      unavailable(ctx, target);
      return;
    }
    problem(
        ctx.response(),
        Problem.of(504, "connector_timeout", target.connector() + " did not answer in time."));
  }

  /** The connector could not be reached (refused, reset, breaker of the OS). */
  public void unavailable(RoutingContext ctx, ForwardTarget target) {
    if (slackCommand(ctx, target)) {
      slackTryAgain(ctx);
      return;
    }
    HttpServerResponse response =
        ctx.response()
            .putHeader("Retry-After", Integer.toString(DependencyFailures.RETRY_AFTER_SECONDS));
    problem(
        response,
        Problem.of(
            503,
            "connector_unavailable",
            target.connector() + " is unavailable; try again later."));
  }

  /** 401 problem: a signed-in person is required and the request carries no usable token. */
  public void unauthorized(RoutingContext ctx) {
    problem(ctx.response(), Problem.of(401, "unauthorized", "A signed-in user is required."));
  }

  /**
   * A Slack slash command or interaction (form-encoded, answered with a message) as opposed to an
   * Events API callback (JSON, which Slack retries on a non-2xx); told by the header alone, the
   * body is never read.
   */
  private static boolean slackCommand(RoutingContext ctx, ForwardTarget target) {
    String type = ctx.request().getHeader("Content-Type");
    return target.route().fallback() == GatewayConfig.Fallback.SLACK
        && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private void slackTryAgain(RoutingContext ctx) {
    write(
        ctx.response().setStatusCode(200),
        "application/json",
        Map.of("response_type", "ephemeral", "text", SLACK_TRY_AGAIN));
  }

  private void problem(HttpServerResponse response, Problem problem) {
    write(response.setStatusCode(problem.status()), Problem.MEDIA_TYPE, problem);
  }

  private void write(HttpServerResponse response, String type, Object document) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    String body;
    try {
      body = json.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      body = "{}";
    }
    response.putHeader("Content-Type", type).end(body);
  }
}
