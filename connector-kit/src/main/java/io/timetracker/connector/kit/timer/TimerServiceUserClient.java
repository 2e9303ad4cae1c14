package io.timetracker.connector.kit.timer;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.UserDto;
import io.timetracker.contracts.client.CoreProblems;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The core's {@code GET /api/v1/me} called with the signed-in user's own bearer token (forwarded,
 * never stored): the core creates the user on first sign-in and answers their id. Its own config
 * key, so the connector's client-credentials filter on {@code timer-service} never replaces it.
 */
@RegisterRestClient(configKey = "timer-service-user")
@Path("/api/v1")
public interface TimerServiceUserClient {

  /** The user of the given {@code Bearer …} header. */
  @GET
  @Path("/me")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<UserDto> me(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

  /** Every error answer becomes a typed exception, as for the service client. */
  @ClientExceptionMapper
  static RuntimeException toException(Response response) {
    return CoreProblems.from(response);
  }
}
