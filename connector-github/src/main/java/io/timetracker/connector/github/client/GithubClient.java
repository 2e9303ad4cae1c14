package io.timetracker.connector.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Issue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * GitHub as this connector uses it, behind circuit breakers. Rate-limit waits are the caller's
 * ({@link io.timetracker.connector.github.service.SyncService} honours {@code Retry-After} with a
 * bound), so no blind retry here.
 */
@ApplicationScoped
public class GithubClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final GithubRestClient api;

  /** The REST client. */
  public GithubClient(@RestClient GithubRestClient api) {
    this.api = api;
  }

  /** The login the token belongs to ({@code GET /user}). */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 30,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = GithubRejectedException.class)
  @CircuitBreakerName("github-api-user")
  public Uni<String> login(String token) {
    return api.user("Bearer " + token)
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .map(u -> u.path("login").asText("Unknown"));
  }

  /**
   * One page of issues; {@code etag} is sent as {@code If-None-Match} when given. The breaker opens
   * on repeated 5xx, rate limits and timeouts, not on a rejected token (one connection's bad token
   * must not stop the others' syncs).
   */
  @CircuitBreaker(
      requestVolumeThreshold = 8,
      failureRatio = 0.75,
      delay = 30,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = GithubRejectedException.class)
  @CircuitBreakerName("github-api-issues")
  public Uni<IssuesPage> issues(
      String token,
      String owner,
      String repo,
      String state,
      String since,
      String etag,
      int perPage,
      int page) {
    return api.issues("Bearer " + token, etag, owner, repo, state, since, perPage, page)
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .map(GithubClient::page);
  }

  private static IssuesPage page(RestResponse<JsonNode> r) {
    String etag = r.getHeaderString("ETag");
    if (r.getStatus() == 304) {
      return new IssuesPage(List.of(), false, etag, true);
    }
    List<Issue> issues = new ArrayList<>();
    JsonNode body = r.getEntity();
    if (body != null) {
      body.forEach(n -> issues.add(Issue.of(n)));
    }
    String link = r.getHeaderString("Link");
    boolean next = link != null && link.contains("rel=\"next\"");
    return new IssuesPage(issues, next, etag, false);
  }
}
