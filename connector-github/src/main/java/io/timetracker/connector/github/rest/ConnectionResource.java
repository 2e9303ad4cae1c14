package io.timetracker.connector.github.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.ConnectionRequest;
import io.timetracker.connector.github.model.ConnectionSettings;
import io.timetracker.connector.github.model.CreatedConnection;
import io.timetracker.connector.github.model.DeliveryDetail;
import io.timetracker.connector.github.repository.EffectRepository;
import io.timetracker.connector.github.service.ConnectionService;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.api.ConfigResponse;
import io.timetracker.connector.kit.inbox.DeliveryPage;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.connector.kit.inbox.RedeliverResult;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.contracts.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A signed-in user's GitHub connections (role {@code user}; an {@code admin} may act on any
 * connection by id). Secrets are write-only: shown once on create and rotate, never read back.
 */
@Path("/api/integrations/github/connections")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class ConnectionResource {

  private final ConnectionService connections;
  private final Inbox inbox;
  private final SecurityIdentity identity;
  private final EffectRepository effects;

  /** Collaborators. */
  public ConnectionResource(
      ConnectionService connections,
      Inbox inbox,
      SecurityIdentity identity,
      EffectRepository effects) {
    this.effects = effects;
    this.connections = connections;
    this.inbox = inbox;
    this.identity = identity;
  }

  @POST
  @Operation(
      operationId = "githubCreateConnection",
      summary = "Connect a repository; answers the webhook secret once")
  @APIResponse(responseCode = "201", description = "Created; webhookSecret shown this once")
  @APIResponse(
      responseCode = "400",
      description = "validation_failed, repository_required, project_not_allowed")
  @APIResponse(responseCode = "409", description = "connection_exists")
  @APIResponse(responseCode = "503", description = "encryption_unavailable")
  public Uni<RestResponse<CreatedConnection>> create(@Valid @NotNull ConnectionRequest request) {
    return connections
        .create(Caller.of(identity), request)
        .map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
  }

  @GET
  @Operation(operationId = "githubListConnections", summary = "The caller's connections")
  public Uni<List<ConnectionSettings>> list() {
    return connections.list(Caller.of(identity));
  }

  @GET
  @Path("/{id}/config")
  @Operation(operationId = "githubGetConfig", summary = "Settings; secrets only as *Set flags")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<ConfigResponse<ConnectionSettings>> config(@PathParam("id") String id) {
    return connections.get(Caller.of(identity), uuid(id)).map(c -> configOf(connections, c));
  }

  @PUT
  @Path("/{id}/config")
  @Operation(
      operationId = "githubPutConfig",
      summary = "Replace the settings; secrets only when given")
  @APIResponse(responseCode = "400", description = "validation_failed, project_not_allowed")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<ConfigResponse<ConnectionSettings>> putConfig(
      @PathParam("id") String id, @Valid @NotNull ConnectionRequest request) {
    return connections
        .update(Caller.of(identity), uuid(id), request)
        .map(c -> configOf(connections, c));
  }

  @POST
  @Path("/{id}/webhook-secret")
  @Operation(operationId = "githubRotateWebhookSecret", summary = "New webhook secret, shown once")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<CreatedConnection> rotate(@PathParam("id") String id) {
    return connections.rotateSecret(Caller.of(identity), uuid(id));
  }

  @DELETE
  @Path("/{id}")
  @ResponseStatus(204)
  // no body, so also acceptable to a client that only accepts the error answers' media type
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(operationId = "githubDeleteConnection", summary = "Disconnect the repository")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<Void> delete(@PathParam("id") String id) {
    return connections.delete(Caller.of(identity), uuid(id));
  }

  @GET
  @Path("/{id}/deliveries")
  @Operation(
      operationId = "githubListDeliveries",
      summary = "The connection's delivery log, newest first")
  @APIResponse(responseCode = "404", description = "connection_not_found")
  public Uni<DeliveryPage> deliveries(
      @PathParam("id") String id,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return connections
        .get(Caller.of(identity), uuid(id))
        .chain(c -> inbox.list(c.id().toString(), page, size));
  }

  @GET
  @Path("/{id}/deliveries/{deliveryId}")
  @Operation(
      operationId = "githubGetDelivery",
      summary = "One delivery and what it did (tasks, timers, skips)")
  @APIResponse(responseCode = "404", description = "connection_not_found or delivery_not_found")
  public Uni<DeliveryDetail> delivery(
      @PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
    UUID delivery = uuidOr404(deliveryId, "delivery_not_found");
    return connections
        .get(Caller.of(identity), uuid(id))
        .chain(
            c ->
                inbox
                    .get(delivery, c.id().toString())
                    .map(
                        found ->
                            found.orElseThrow(
                                () ->
                                    new ApiException(
                                        404,
                                        "delivery_not_found",
                                        "No such delivery for this connection.")))
                    .chain(
                        summary ->
                            effects
                                .byInbox(summary.id(), c.id(), c.ownerUserId())
                                .map(list -> new DeliveryDetail(summary, list))));
  }

  @POST
  @Path("/{id}/deliveries/{deliveryId}/redeliver")
  @Operation(operationId = "githubRedeliver", summary = "Process a stored delivery again")
  @APIResponse(responseCode = "202", description = "Queued again")
  @APIResponse(responseCode = "404", description = "connection_not_found or delivery_not_found")
  @APIResponse(responseCode = "409", description = "delivery_in_progress")
  public Uni<RestResponse<Map<String, Object>>> redeliver(
      @PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
    UUID delivery = uuidOr404(deliveryId, "delivery_not_found");
    return connections
        .get(Caller.of(identity), uuid(id))
        .chain(c -> inbox.redeliver(delivery, c.id().toString()))
        .map(
            result -> {
              if (result == RedeliverResult.NOT_FOUND) {
                throw new ApiException(
                    404, "delivery_not_found", "No such delivery for this connection.");
              }
              if (result == RedeliverResult.IN_PROGRESS) {
                throw new ApiException(
                    409,
                    "delivery_in_progress",
                    "The delivery is being processed; try again later.");
              }
              return RestResponse.status(
                  RestResponse.Status.ACCEPTED,
                  Map.<String, Object>of("ok", true, "status", "received"));
            });
  }

  /** The uniform config answer of a connection: settings, and which secrets are set. */
  static ConfigResponse<ConnectionSettings> configOf(ConnectionService connections, Connection c) {
    return ConfigResponse.of(
        "github",
        connections.settings(c),
        Map.of("webhookSecret", true, "token", c.token() != null));
  }

  static UUID uuid(String id) {
    return uuidOr404(id, "connection_not_found");
  }

  static UUID uuidOr404(String id, String code) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, code, "Not found.");
    }
  }
}
