package io.timetracker.connector.kit.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The uniform user API every connector serves under {@code /api/integrations/<provider>} (the
 * implementing resource adds that path), so the gateway calls every connector through one typed
 * REST client of this interface with the base URL {@code http://<connector>/api/integrations/
 * <provider>}. Each operation acts on the caller's connection named by {@code connection}, or
 * without it on their first active one. A caller without an active connection gets {@link
 * StatusResponse#notConnected()} from {@code status} and a 404 problem {@code not_configured}
 * ("Integration not configured") from the others.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface ConnectorApi {

  /** The connection's settings; secrets only as {@code *Set} flags. */
  @GET
  @Path("/config")
  Uni<ConfigResponse<Object>> config(@QueryParam("connection") String connection);

  /** Last sync and health; {@code connected: false} without a connection. */
  @GET
  @Path("/status")
  Uni<StatusResponse> status(@QueryParam("connection") String connection);

  /** Calls the provider with the stored credentials, or says what is missing. */
  @POST
  @Path("/test")
  Uni<TestResult> test(@QueryParam("connection") String connection);

  /** Queues a sync now: 202 with the job and where to poll it. */
  @POST
  @Path("/sync")
  Uni<RestResponse<SyncAccepted>> sync(@QueryParam("connection") String connection);

  /** Disconnects: the connection and its secrets are deleted (204). */
  @DELETE
  @Path("/config")
  Uni<Void> disconnect(@QueryParam("connection") String connection);
}
