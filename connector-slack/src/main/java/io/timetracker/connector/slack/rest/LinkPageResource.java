package io.timetracker.connector.slack.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.ConfigResponse;
import io.timetracker.connector.slack.model.SettingsView;
import io.timetracker.connector.slack.service.LinkService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The link {@code /tt link} hands out, as the gateway forwards it once the person is signed in
 * (same path and query, their token attached): opening it binds the Slack person to them.
 */
@Path("/integrations/slack/link")
@RolesAllowed({"user", "admin"})
@Tag(name = "connector")
@Produces(MediaType.APPLICATION_JSON)
public class LinkPageResource {

  private final LinkService links;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public LinkPageResource(LinkService links, SecurityIdentity identity) {
    this.links = links;
    this.identity = identity;
  }

  /** Opening the link while signed in. */
  @GET
  @Operation(operationId = "slackOpenLink", summary = "Binds the Slack person of a /tt link")
  @APIResponse(responseCode = "410", description = "link_expired")
  public Uni<ConfigResponse<Object>> open(@QueryParam("token") String token) {
    return links
        .complete(Caller.of(identity), token)
        .map(u -> ConfigResponse.of("slack", SettingsView.of(u), Map.of()));
  }

  /** The same from a form or script. */
  @POST
  @Operation(operationId = "slackPostLink", summary = "Binds the Slack person of a /tt link")
  @APIResponse(responseCode = "410", description = "link_expired")
  public Uni<ConfigResponse<Object>> post(@QueryParam("token") String token) {
    return open(token);
  }
}
