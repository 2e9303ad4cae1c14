package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.AdminUpdateUserRequest;
import io.timetracker.contracts.api.UpdateMeRequest;
import io.timetracker.contracts.api.UserDto;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.ProfileService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's profile, and user administration for admins. */
@Path("/api/v1")
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {
  private final Caller caller;
  private final ProfileService profiles;

  public UserResource(Caller caller, ProfileService profiles) {
    this.caller = caller;
    this.profiles = profiles;
  }

  @GET
  @Path("/me")
  @Operation(operationId = "getMe", summary = "The caller, created on first sign-in")
  public Uni<UserDto> me() {
    return caller.user().chain(u -> profiles.get(u.id())).map(DtoMapper::toDto);
  }

  @PATCH
  @Path("/me")
  @Operation(operationId = "updateMe", summary = "Change time zone, rounding or display name")
  public Uni<UserDto> updateMe(@Valid @NotNull UpdateMeRequest request) {
    return caller.user().chain(u -> profiles.updateMe(u, request)).map(DtoMapper::toDto);
  }

  @GET
  @Path("/users")
  @Operation(operationId = "listUsers", summary = "All users (admin)")
  public Uni<List<UserDto>> list() {
    return caller
        .user()
        .chain(profiles::list)
        .map(list -> list.stream().map(DtoMapper::toDto).toList());
  }

  @PATCH
  @Path("/users/{id}")
  @Operation(
      operationId = "updateUser",
      summary = "Link a GitHub login or deactivate a user (admin)")
  public Uni<UserDto> update(
      @PathParam("id") long id, @Valid @NotNull AdminUpdateUserRequest request) {
    return caller.user().chain(u -> profiles.adminUpdate(u, id, request)).map(DtoMapper::toDto);
  }
}
