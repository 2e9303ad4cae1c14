package io.timetracker.timer.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.IdentityDto;
import io.timetracker.contracts.api.LinkIdentityRequest;
import io.timetracker.contracts.api.UserDto;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.service.ApiException;
import io.timetracker.timer.service.Capability;
import io.timetracker.timer.service.IdentityService;
import io.timetracker.timer.service.ProfileService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Connectors find the user behind an account at their system (a GitHub login, a Slack team and
 * user, a Google account) and link or unlink such accounts once a person proved they own them; each
 * client only for its own identity provider ({@code docs/adr/0005-scoped-service-clients.md}).
 */
@Path("/api/v1/service")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "service")
public class ServiceIdentityResource {
  private static final String PROVIDER = "[a-z][a-z0-9-]{1,19}";

  private final ServiceCaller caller;
  private final IdentityService identities;
  private final ProfileService profiles;

  public ServiceIdentityResource(
      ServiceCaller caller, IdentityService identities, ProfileService profiles) {
    this.caller = caller;
    this.identities = identities;
    this.profiles = profiles;
  }

  @GET
  @Path("/users/by-identity")
  @Operation(
      operationId = "serviceFindUserByIdentity",
      summary = "The user linked to an account at another system")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = UserDto.class)))
  @APIResponse(responseCode = "404", description = "user_not_found")
  public Uni<UserDto> byIdentity(
      @QueryParam("provider") @NotNull @Pattern(regexp = PROVIDER) String provider,
      @QueryParam("externalId") @NotBlank String externalId) {
    return Uni.createFrom()
        .item(() -> caller.require(Capability.IDENTITIES_READ))
        .invoke(client -> client.requireProvider(provider))
        .chain(() -> identities.userOf(provider, externalId))
        .map(DtoMapper::toDto);
  }

  @PUT
  @Path("/users/{userId}/identities")
  @Operation(
      operationId = "serviceLinkIdentity",
      summary = "Link an account at another system to a user (idempotent)")
  @APIResponse(
      responseCode = "200",
      description = "Already linked to this user",
      content = @Content(schema = @Schema(implementation = IdentityDto.class)))
  @APIResponse(
      responseCode = "201",
      description = "Linked",
      content = @Content(schema = @Schema(implementation = IdentityDto.class)))
  @APIResponse(responseCode = "403", description = "user_inactive, identity_provider_not_allowed")
  @APIResponse(responseCode = "404", description = "user_not_found")
  @APIResponse(responseCode = "409", description = "identity_in_use")
  public Uni<RestResponse<IdentityDto>> link(
      @PathParam("userId") long userId, @Valid @NotNull LinkIdentityRequest request) {
    return caller
        .actFor(userId, Capability.IDENTITIES_WRITE)
        .invoke(a -> a.client().requireProvider(request.provider()))
        .chain(a -> identities.link(a.user().id(), request, a.client().clientId()))
        .map(
            r ->
                r.created()
                    ? Created.at("/api/v1/me/identities/" + r.identity().id, toDto(r))
                    : RestResponse.ok(toDto(r)));
  }

  @DELETE
  @Path("/users/{userId}/identities")
  @ResponseStatus(204)
  @Operation(
      operationId = "serviceUnlinkIdentity",
      summary = "Remove a user's link to an account at another system")
  @APIResponse(responseCode = "204", description = "Unlinked")
  @APIResponse(responseCode = "404", description = "user_not_found or identity_not_found")
  public Uni<Void> unlink(
      @PathParam("userId") long userId,
      @QueryParam("provider") @NotNull @Pattern(regexp = PROVIDER) String provider,
      @QueryParam("externalId") @NotBlank String externalId) {
    return caller
        .actFor(userId, Capability.IDENTITIES_WRITE)
        .invoke(a -> a.client().requireProvider(provider))
        .chain(a -> identities.unlink(a.user().id(), provider, externalId))
        .invoke(IdentityResource::requireRemoved)
        .replaceWithVoid();
  }

  /**
   * Kept for connectors built before identities existed: the same as {@code
   * serviceFindUserByIdentity} with provider {@code github}, except that a deactivated user is not
   * found.
   *
   * @deprecated use {@code GET /users/by-identity?provider=github&externalId={login}}
   */
  @Deprecated
  @GET
  @Path("/users/by-github/{login}")
  @Operation(
      operationId = "serviceFindUserByGithubLogin",
      summary = "User linked to a GitHub login (deprecated: use serviceFindUserByIdentity)",
      deprecated = true)
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = UserDto.class)))
  @APIResponse(responseCode = "404", description = "user_not_found")
  public Uni<UserDto> byGithub(@PathParam("login") String login) {
    return Uni.createFrom()
        .item(() -> caller.require(Capability.IDENTITIES_READ))
        .invoke(client -> client.requireProvider("github"))
        .chain(() -> profiles.byGithubLogin(login))
        .map(DtoMapper::toDto);
  }

  private static IdentityDto toDto(IdentityService.LinkResult r) {
    return DtoMapper.toDto(r.identity());
  }

  static ApiException notLinked() {
    return ApiException.notFound("identity_not_found", "No such linked account.");
  }
}
