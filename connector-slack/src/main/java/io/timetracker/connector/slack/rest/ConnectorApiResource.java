package io.timetracker.connector.slack.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.ConfigResponse;
import io.timetracker.connector.kit.api.ConnectionHealth;
import io.timetracker.connector.kit.api.ConnectorApi;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncAccepted;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.slack.client.SlackClient;
import io.timetracker.connector.slack.client.SlackException;
import io.timetracker.connector.slack.model.SettingsView;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.model.UserSettings;
import io.timetracker.connector.slack.service.AccountService;
import io.timetracker.connector.slack.service.LinkService;
import io.timetracker.contracts.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * connector-kit's uniform connector API for Slack, on the caller's link (a person has at most one
 * Slack link, so {@code connection} is ignored), plus saving settings and completing a link.
 */
@Path("/api/integrations/slack")
@RolesAllowed({"user", "admin"})
@Tag(name = "connector")
@Produces(MediaType.APPLICATION_JSON)
// The JAX-RS annotations are repeated from ConnectorApi so the OpenAPI scanner documents them.
public class ConnectorApiResource implements ConnectorApi {

  private final AccountService accounts;
  private final LinkService links;
  private final SlackClient slack;
  private final SecurityIdentity identity;

  /** Collaborators. */
  public ConnectorApiResource(
      AccountService accounts, LinkService links, SlackClient slack, SecurityIdentity identity) {
    this.accounts = accounts;
    this.links = links;
    this.slack = slack;
    this.identity = identity;
  }

  @Override
  @GET
  @Path("/config")
  @Operation(operationId = "slackConnectorConfig", summary = "The caller's Slack link and settings")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<ConfigResponse<Object>> config(@QueryParam("connection") String connection) {
    return accounts.linked(caller()).map(ConnectorApiResource::configOf);
  }

  /** Saves the caller's notification and summary settings. */
  @PUT
  @Path("/config")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "slackSaveConfig", summary = "Saves the caller's Slack settings")
  @APIResponse(
      responseCode = "400",
      description = "invalid_time, invalid_channel, channel_required")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<ConfigResponse<Object>> save(UserSettings settings) {
    if (settings == null) {
      throw ApiException.invalid("body_required", "A settings body is required");
    }
    return accounts.save(caller(), settings).map(ConnectorApiResource::configOf);
  }

  @Override
  @GET
  @Path("/status")
  @Operation(operationId = "slackUserStatus", summary = "Whether the caller has linked Slack")
  public Uni<StatusResponse> status(@QueryParam("connection") String connection) {
    return accounts
        .linked(caller())
        .map(u -> StatusResponse.connected(null, null, null, ConnectionHealth.up()))
        .onFailure(ApiException.class)
        .recoverWithItem(StatusResponse.notConnected());
  }

  @Override
  @POST
  @Path("/test")
  @Operation(operationId = "slackConnectorTest", summary = "Calls Slack's auth.test")
  @APIResponse(responseCode = "404", description = "not_configured, workspace_not_installed")
  public Uni<TestResult> test(@QueryParam("connection") String connection) {
    return accounts
        .linked(caller())
        .chain(accounts::botToken)
        .chain(slack::authTest)
        .map(a -> TestResult.ok("Connected as " + a.user() + " in " + a.team()))
        .onFailure(SlackException.class)
        .recoverWithItem(f -> TestResult.failed("Slack answered " + ((SlackException) f).error()));
  }

  @Override
  @POST
  @Path("/sync")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "slackConnectorSync", summary = "Slack has nothing to sync (409)")
  @APIResponse(responseCode = "409", description = "nothing_to_sync")
  public Uni<RestResponse<SyncAccepted>> sync(@QueryParam("connection") String connection) {
    throw new ApiException(
        409, "nothing_to_sync", "Slack has nothing to sync: posts follow timer events");
  }

  @Override
  @DELETE
  @Path("/config")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "slackDisconnect", summary = "Unlinks the caller's Slack account")
  @APIResponse(responseCode = "204", description = "Unlinked")
  @APIResponse(responseCode = "404", description = "not_configured")
  public Uni<Void> disconnect(@QueryParam("connection") String connection) {
    return accounts.unlink(caller());
  }

  /** Completes a link handed out by {@code /tt link}. */
  @POST
  @Path("/link")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "slackCompleteLink", summary = "Binds the Slack person of a link token")
  @APIResponse(responseCode = "400", description = "link_token_required")
  @APIResponse(responseCode = "410", description = "link_expired")
  public Uni<ConfigResponse<Object>> link(LinkRequest request) {
    return links
        .complete(caller(), request == null ? null : request.token())
        .map(ConnectorApiResource::configOf);
  }

  /**
   * The body of a link completion.
   *
   * @param token the token from the link
   */
  public record LinkRequest(String token) {}

  private Caller caller() {
    return Caller.of(identity);
  }

  private static ConfigResponse<Object> configOf(SlackUser user) {
    return ConfigResponse.of("slack", SettingsView.of(user), Map.of());
  }
}
