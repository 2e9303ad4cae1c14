package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.IdentityDto;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.IdentityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The signed-in person's links to accounts at other systems: list them, remove one. */
@Path("/api/v1/me/identities")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class IdentityResource {
  private final Caller caller;
  private final IdentityService identities;

  public IdentityResource(Caller caller, IdentityService identities) {
    this.caller = caller;
    this.identities = identities;
  }

  @GET
  @Operation(operationId = "listMyIdentities", summary = "The caller's linked accounts")
  public Uni<List<IdentityDto>> list() {
    return caller
        .user()
        .chain(u -> identities.of(u.id()))
        .map(list -> list.stream().map(DtoMapper::toDto).toList());
  }

  @DELETE
  @Path("/{id}")
  @ResponseStatus(204)
  @Operation(operationId = "deleteMyIdentity", summary = "Remove one of the caller's links")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "identity_not_found")
  public Uni<Void> delete(@PathParam("id") long id) {
    return caller
        .user()
        .chain(u -> identities.unlinkOwn(u.id(), id))
        .invoke(IdentityResource::requireRemoved)
        .replaceWithVoid();
  }

  /** 404 {@code identity_not_found} unless a link was removed. */
  static void requireRemoved(boolean removed) {
    if (!removed) {
      throw ServiceIdentityResource.notLinked();
    }
  }
}
