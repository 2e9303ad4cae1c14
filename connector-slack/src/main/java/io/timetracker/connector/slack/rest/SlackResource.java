package io.timetracker.connector.slack.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.signature.Headers;
import io.timetracker.connector.kit.webhook.WebhookBodyLimit;
import io.timetracker.connector.kit.webhook.WebhookIntake;
import io.timetracker.connector.kit.webhook.WebhookIntake.Verified;
import io.timetracker.connector.slack.model.CommandReply;
import io.timetracker.connector.slack.model.SlackRequest;
import io.timetracker.connector.slack.model.Workspace;
import io.timetracker.connector.slack.service.CommandService;
import io.timetracker.connector.slack.service.EventService;
import io.timetracker.connector.slack.service.SlackCommands;
import io.timetracker.connector.slack.service.SlackEvents;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What Slack calls: slash commands and the Events API, each verified (v0 signature, ±5 min) on the
 * raw bytes by the kit's intake before anything is parsed. Without a team id in the URL the app's
 * configured signing secret applies; with one, that workspace's own.
 */
@Path("/api/integrations/slack")
@PermitAll
@Tag(name = "slack")
public class SlackResource {

  private final WebhookIntake intake;
  private final SlackCommands commands;
  private final SlackEvents events;
  private final CommandService commandService;
  private final EventService eventService;

  /** Collaborators. */
  public SlackResource(
      WebhookIntake intake,
      SlackCommands commands,
      SlackEvents events,
      CommandService commandService,
      EventService eventService) {
    this.intake = intake;
    this.commands = commands;
    this.events = events;
    this.commandService = commandService;
    this.eventService = eventService;
  }

  /** A slash command with the app's signing secret. */
  @POST
  @Path("/commands")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "slackCommand", summary = "Slash command /tt (signed by Slack)")
  @APIResponse(responseCode = "200", description = "Ephemeral reply")
  @APIResponse(responseCode = "401", description = "invalid_signature")
  public Uni<CommandReply> command(@Context RoutingContext request, @Context HttpHeaders headers) {
    return command(null, request, headers);
  }

  /** A slash command of a workspace registered with its own app. */
  @POST
  @Path("/commands/{teamId}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "slackWorkspaceCommand", summary = "Slash command /tt of one workspace")
  @APIResponse(responseCode = "200", description = "Ephemeral reply")
  @APIResponse(responseCode = "401", description = "invalid_signature")
  public Uni<CommandReply> command(
      @PathParam("teamId") String teamId,
      @Context RoutingContext request,
      @Context HttpHeaders headers) {
    return intake
        .verify(commands, teamId, WebhookBodyLimit.body(request), headersOf(headers))
        .chain(this::reply);
  }

  /** An Events API callback with the app's signing secret. */
  @POST
  @Path("/events")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "slackEvent", summary = "Events API (url_verification answered)")
  @APIResponse(responseCode = "401", description = "invalid_signature")
  public Uni<Object> event(@Context RoutingContext request, @Context HttpHeaders headers) {
    return event(null, request, headers);
  }

  /** An Events API callback of a workspace registered with its own app. */
  @POST
  @Path("/events/{teamId}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(operationId = "slackWorkspaceEvent", summary = "Events API of one workspace")
  @APIResponse(responseCode = "401", description = "invalid_signature")
  public Uni<Object> event(
      @PathParam("teamId") String teamId,
      @Context RoutingContext request,
      @Context HttpHeaders headers) {
    return intake
        .verify(events, teamId, WebhookBodyLimit.body(request), headersOf(headers))
        .chain(this::answer);
  }

  private Uni<Object> answer(Verified<Workspace, SlackRequest> verified) {
    if (verified.delivery() instanceof SlackRequest.Event event) {
      return eventService.handle(verified.target().connection(), event).map(a -> (Object) a);
    }
    return reply(verified).map(r -> (Object) r);
  }

  private Uni<CommandReply> reply(Verified<Workspace, SlackRequest> verified) {
    SlackRequest.Command command = (SlackRequest.Command) verified.delivery();
    Workspace fromUrl = verified.target().connection();
    if (fromUrl != null && !fromUrl.teamId().equals(command.command().teamId())) {
      // a workspace's own secret vouches only for that workspace
      throw new ApiException(401, "invalid_signature", "No matching Slack integration");
    }
    return commandService.handle(command.command()).map(CommandReply::ephemeral);
  }

  private static Headers headersOf(HttpHeaders headers) {
    return Headers.of(headers.getRequestHeaders());
  }
}
