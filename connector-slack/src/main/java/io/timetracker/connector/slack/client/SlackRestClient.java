package io.timetracker.connector.slack.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Slack's Web API methods the connector calls. Answers are read by {@link SlackClient}, which turns
 * Slack's {@code ok:false}, 429 and 5xx into typed failures.
 */
@RegisterRestClient(configKey = "slack-api")
@Produces(MediaType.APPLICATION_JSON)
interface SlackRestClient {

  /** {@code chat.postMessage}. */
  @POST
  @Path("/chat.postMessage")
  @Consumes("application/json; charset=utf-8")
  Uni<Response> postMessage(@HeaderParam("Authorization") String bearer, PostMessage message);

  /** {@code auth.test}: who the token belongs to. */
  @POST
  @Path("/auth.test")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  Uni<Response> authTest(@HeaderParam("Authorization") String bearer);

  /** {@code oauth.v2.access}: exchanges an "Add to Slack" code for the workspace's bot token. */
  @POST
  @Path("/oauth.v2.access")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  Uni<Response> oauthV2Access(
      @FormParam("client_id") String clientId,
      @FormParam("client_secret") String clientSecret,
      @FormParam("code") String code,
      @FormParam("redirect_uri") String redirectUri);
}
