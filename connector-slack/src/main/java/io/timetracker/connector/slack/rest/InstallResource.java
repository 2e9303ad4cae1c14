package io.timetracker.connector.slack.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.service.InstallFlow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * "Add to Slack" in the browser, as the gateway forwards it for a signed-in person: the install
 * redirect to Slack and Slack's redirect back with the code.
 */
@Path("/integrations/slack")
@RolesAllowed({"user", "admin"})
@Tag(name = "connector")
@Produces(MediaType.APPLICATION_JSON)
public class InstallResource {

  private final InstallFlow flow;
  private final SlackConfig config;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public InstallResource(InstallFlow flow, SlackConfig config, SecurityIdentity identity) {
    this.flow = flow;
    this.config = config;
    this.identity = identity;
  }

  /** Sends the browser to Slack's authorize page. */
  @GET
  @Path("/install")
  @Operation(operationId = "slackInstall", summary = "Add to Slack: redirect to Slack")
  @APIResponse(responseCode = "303", description = "To Slack's authorize page")
  @APIResponse(responseCode = "503", description = "oauth_not_configured")
  public Uni<RestResponse<Void>> install() {
    return flow.install(Caller.of(identity)).map(RestResponse::seeOther);
  }

  /**
   * Slack's redirect back: the workspace is installed, the browser goes to the integrations page.
   */
  @GET
  @Path("/oauth/callback")
  @Operation(operationId = "slackOAuthCallback", summary = "Add to Slack: Slack's redirect back")
  @APIResponse(responseCode = "303", description = "Installed; to /integrations?slack=installed")
  @APIResponse(
      responseCode = "400",
      description = "invalid_state, install_denied, missing_code, oauth_exchange_failed")
  @APIResponse(responseCode = "502", description = "slack_unavailable")
  @APIResponse(responseCode = "503", description = "oauth_not_configured")
  public Uni<RestResponse<Void>> callback(
      @QueryParam("state") String state,
      @QueryParam("code") String code,
      @QueryParam("error") String error) {
    return flow.callback(Caller.of(identity), state, code, error)
        .map(w -> RestResponse.seeOther(installedPage(w.teamId())));
  }

  private URI installedPage(String teamId) {
    return URI.create(
        config.publicBaseUrl().replaceAll("/+$", "")
            + "/integrations?slack=installed&team="
            + teamId);
  }
}
