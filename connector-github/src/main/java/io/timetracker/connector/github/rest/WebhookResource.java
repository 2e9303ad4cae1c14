package io.timetracker.connector.github.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.WebhookAnswer;
import io.timetracker.connector.github.service.WebhookService;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.signature.Headers;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * GitHub's webhook deliveries (no login: the HMAC is the authentication). The body is taken as raw
 * bytes so the signature is checked on exactly what GitHub signed.
 */
@Path("/api/integrations/github/webhook")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhook")
public class WebhookResource {

  private final WebhookService webhooks;

  /** The receiver. */
  public WebhookResource(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  /** The per-connection URL shown when the connection is created: one HMAC. */
  @POST
  @Path("/{connectionId}")
  @Operation(
      operationId = "githubWebhookForConnection",
      summary = "A GitHub delivery for one connection")
  @APIResponse(responseCode = "200", description = "ping")
  @APIResponse(responseCode = "202", description = "received, duplicate or ignored")
  @APIResponse(responseCode = "400", description = "malformed payload or missing headers")
  @APIResponse(responseCode = "401", description = "signature missing, malformed or wrong")
  @APIResponse(responseCode = "413", description = "body too large")
  public Uni<RestResponse<WebhookAnswer>> forConnection(
      @PathParam("connectionId") String connectionId, byte[] body, @Context HttpHeaders headers) {
    UUID id = parse(connectionId);
    if (id == null) {
      return Uni.createFrom()
          .failure(new ApiException(401, "invalid_signature", "No matching GitHub integration"));
    }
    return webhooks
        .receive(id, body == null ? new byte[0] : body, Headers.of(headers.getRequestHeaders()))
        .map(WebhookResource::answer);
  }

  /** The original's URL: routed by {@code repository.full_name}. */
  @POST
  @Operation(operationId = "githubWebhook", summary = "A GitHub delivery routed by repository")
  @APIResponse(responseCode = "200", description = "ping")
  @APIResponse(responseCode = "202", description = "received, duplicate or ignored")
  @APIResponse(responseCode = "400", description = "malformed payload or missing headers")
  @APIResponse(responseCode = "401", description = "no connection's secret matches")
  @APIResponse(responseCode = "413", description = "body too large")
  public Uni<RestResponse<WebhookAnswer>> routed(byte[] body, @Context HttpHeaders headers) {
    return webhooks
        .receive(body == null ? new byte[0] : body, Headers.of(headers.getRequestHeaders()))
        .map(WebhookResource::answer);
  }

  private static RestResponse<WebhookAnswer> answer(WebhookAnswer a) {
    return RestResponse.status(
        "pong".equals(a.status()) ? RestResponse.Status.OK : RestResponse.Status.ACCEPTED, a);
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
