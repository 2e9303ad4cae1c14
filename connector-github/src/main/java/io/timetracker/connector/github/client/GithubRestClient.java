package io.timetracker.connector.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * GitHub's REST API ({@code quarkus.rest-client.github-api.url}). The token is per connection, so
 * it is a parameter here (the one place it is used); {@link GithubClient} is the only caller.
 */
@RegisterRestClient(configKey = "github-api")
@Produces("application/vnd.github+json")
@ClientHeaderParam(name = "User-Agent", value = "TimeTracker-GitHubConnector")
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = "2022-11-28")
interface GithubRestClient {

  @GET
  @Path("/user")
  Uni<JsonNode> user(@HeaderParam("Authorization") String authorization);

  @GET
  @Path("/repos/{owner}/{repo}")
  Uni<JsonNode> repository(
      @HeaderParam("Authorization") String authorization,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo);

  @GET
  @Path("/repos/{owner}/{repo}/issues")
  Uni<RestResponse<JsonNode>> issues(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("If-None-Match") String etag,
      @PathParam("owner") String owner,
      @PathParam("repo") String repo,
      @QueryParam("state") String state,
      @QueryParam("since") String since,
      @QueryParam("per_page") int perPage,
      @QueryParam("page") int page);

  @ClientExceptionMapper
  static RuntimeException toException(Response response) {
    return GithubException.from(response);
  }
}
