package io.timetracker.connector.gcal.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.service.OAuthFlow;
import io.timetracker.connector.kit.api.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth routes at the original's paths (the gateway forwards them unchanged): connect (signed
 * in), callback (authenticated by its single-use state, since Google's redirect carries no bearer)
 * and disconnect (signed in).
 */
@Path("/integrations/google")
@Tag(name = "oauth")
public class OAuthResource {

  private final OAuthFlow flow;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public OAuthResource(OAuthFlow flow, SecurityIdentity identity) {
    this.flow = flow;
    this.identity = identity;
  }

  /**
   * Starts the consent: 302 to Google, or with {@code Accept: application/json} 200 {@code
   * {"authorizationUrl": …}} for a page that navigates itself. 503 {@code oauth_not_configured}
   * says what an administrator must set.
   */
  @GET
  @Path("/connect")
  @RolesAllowed({"user", "admin"})
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, MediaType.WILDCARD})
  @Operation(operationId = "googleConnect", summary = "Redirects to Google's consent page")
  @APIResponse(responseCode = "302", description = "To Google, with state and PKCE challenge")
  @APIResponse(responseCode = "503", description = "oauth_not_configured")
  public Uni<Response> connect(@HeaderParam("Accept") String accept) {
    return flow.connect(Caller.of(identity)).map(url -> redirectOrJson(url, accept));
  }

  /** Google's redirect back: always a redirect to the connectors page with the outcome. */
  @GET
  @Path("/callback")
  @PermitAll
  @Operation(operationId = "googleCallback", summary = "Completes the consent (state, code)")
  @APIResponse(responseCode = "302", description = "To the connectors page: google=connected|error")
  public Uni<Response> callback(
      @QueryParam("state") String state,
      @QueryParam("code") String code,
      @QueryParam("error") String error) {
    return flow.callback(state, code, error).map(url -> Response.status(302).location(url).build());
  }

  /** Revokes at Google and wipes the tokens; settings stay. 204, or 303 for a browser form. */
  @POST
  @Path("/disconnect")
  @Authenticated
  @Operation(operationId = "googleDisconnect", summary = "Revokes and forgets the tokens")
  @APIResponse(responseCode = "204", description = "Disconnected")
  public Uni<Response> disconnect(@HeaderParam("Accept") String accept) {
    return flow.disconnect(Caller.of(identity)).map(x -> disconnected(accept));
  }

  private static Response redirectOrJson(URI url, String accept) {
    if (accept != null && accept.contains(MediaType.APPLICATION_JSON)) {
      return Response.ok(Map.of("ok", true, "authorizationUrl", url.toString()))
          .type(MediaType.APPLICATION_JSON)
          .build();
    }
    return Response.status(302).location(url).build();
  }

  private static Response disconnected(String accept) {
    if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
      return Response.seeOther(URI.create("/integrations?google=disconnected")).build();
    }
    return Response.noContent().build();
  }
}
