package io.timetracker.connector.github.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.service.GithubWebhooks;
import io.timetracker.connector.kit.signature.Headers;
import io.timetracker.connector.kit.webhook.WebhookAnswer;
import io.timetracker.connector.kit.webhook.WebhookBodyLimit;
import io.timetracker.connector.kit.webhook.WebhookIntake;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * GitHub's webhook deliveries (no login: the HMAC is the authentication), as {@code
 * application/json} or GitHub's default {@code application/x-www-form-urlencoded}. The kit reads
 * the raw body under its cap; the kit's intake verifies it before anything is parsed.
 */
@Path("/api/integrations/github/webhook")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhook")
public class WebhookResource {

  private final WebhookIntake intake;
  private final GithubWebhooks github;

  /** The kit's intake and GitHub's side of it. */
  public WebhookResource(WebhookIntake intake, GithubWebhooks github) {
    this.intake = intake;
    this.github = github;
  }

  /** The per-connection URL shown when the connection is created: one HMAC. */
  @POST
  @Path("/{connectionId}")
  @Operation(
      operationId = "githubWebhookForConnection",
      summary = "A GitHub delivery for one connection")
  @RequestBody(
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON),
        @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED)
      })
  @APIResponse(responseCode = "200", description = "ping")
  @APIResponse(responseCode = "202", description = "received, duplicate or ignored")
  @APIResponse(responseCode = "400", description = "malformed payload or missing headers")
  @APIResponse(responseCode = "401", description = "signature missing, malformed or wrong")
  @APIResponse(responseCode = "413", description = "body too large")
  @APIResponse(responseCode = "503", description = "a dependency is down; Retry-After")
  public Uni<RestResponse<WebhookAnswer>> forConnection(
      @PathParam("connectionId") String connectionId,
      @Context RoutingContext request,
      @Context HttpHeaders headers) {
    return intake
        .receive(github, connectionId, WebhookBodyLimit.body(request), headers(headers))
        .map(WebhookAnswer::response);
  }

  /** The original's URL: every active connection's secret is a candidate. */
  @POST
  @Operation(operationId = "githubWebhook", summary = "A GitHub delivery for any connection")
  @RequestBody(
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON),
        @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED)
      })
  @APIResponse(responseCode = "200", description = "ping")
  @APIResponse(responseCode = "202", description = "received, duplicate or ignored")
  @APIResponse(responseCode = "400", description = "malformed payload or missing headers")
  @APIResponse(responseCode = "401", description = "no connection's secret matches")
  @APIResponse(responseCode = "413", description = "body too large")
  @APIResponse(responseCode = "503", description = "a dependency is down; Retry-After")
  public Uni<RestResponse<WebhookAnswer>> routed(
      @Context RoutingContext request, @Context HttpHeaders headers) {
    return intake
        .receive(github, null, WebhookBodyLimit.body(request), headers(headers))
        .map(WebhookAnswer::response);
  }

  private static Headers headers(HttpHeaders headers) {
    return Headers.of(headers.getRequestHeaders());
  }
}
