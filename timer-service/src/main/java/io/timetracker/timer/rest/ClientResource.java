package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ClientDto;
import io.timetracker.contracts.api.ClientRequest;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.ClientService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Clients: everyone lists them, admins create and change them. */
@Path("/api/v1/clients")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clients")
public class ClientResource {
  private final Caller caller;
  private final ClientService clients;

  public ClientResource(Caller caller, ClientService clients) {
    this.caller = caller;
    this.clients = clients;
  }

  @GET
  @Operation(operationId = "listClients", summary = "All clients")
  public Uni<List<ClientDto>> list() {
    return clients.list().map(list -> list.stream().map(DtoMapper::toDto).toList());
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getClient", summary = "One client")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = ClientDto.class)))
  @APIResponse(responseCode = "404", description = "client_not_found")
  public Uni<ClientDto> get(@PathParam("id") long id) {
    return clients.get(id).map(DtoMapper::toDto);
  }

  @POST
  @Operation(operationId = "createClient", summary = "Create a client (admin)")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = ClientDto.class)))
  @APIResponse(responseCode = "409", description = "client_exists")
  public Uni<RestResponse<ClientDto>> create(@Valid @NotNull ClientRequest request) {
    return caller
        .user()
        .chain(u -> clients.create(u, request))
        .map(c -> Created.at("/api/v1/clients/" + c.id, DtoMapper.toDto(c)));
  }

  @PATCH
  @Path("/{id}")
  @Operation(operationId = "updateClient", summary = "Change a client (admin)")
  public Uni<ClientDto> update(@PathParam("id") long id, @Valid @NotNull ClientRequest request) {
    return caller.user().chain(u -> clients.update(u, id, request)).map(DtoMapper::toDto);
  }
}
