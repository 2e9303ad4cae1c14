package io.timetracker.connector.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Issue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * GitHub as this connector uses it. Rate limits are per token ({@link TokenRateLimits}): a token
 * that hit its limit is not used again before the time GitHub gave, and the limit never trips the
 * circuit breakers, which open only on what concerns everyone (5xx, timeouts). Waiting out a short
 * {@code Retry-After} inside a sync is the caller's ({@link
 * io.timetracker.connector.github.service.SyncService}).
 */
@ApplicationScoped
public class GithubClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final GithubRestClient api;
  private final TokenRateLimits limits;
  private final Clock clock;

  /** The REST client and the per-token limits. */
  public GithubClient(@RestClient GithubRestClient api, TokenRateLimits limits, Clock clock) {
    this.api = api;
    this.limits = limits;
    this.clock = clock;
  }

  /** The login the token belongs to ({@code GET /user}). */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 30,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = {GithubRejectedException.class, GithubRateLimitedException.class})
  @CircuitBreakerName("github-api-user")
  public Uni<String> login(String token) {
    return call(token, () -> api.user(bearer(token))).map(u -> u.path("login").asText("Unknown"));
  }

  /**
   * What the token may do in a repository ({@code GET /repos/{owner}/{repo}}); a repository the
   * token cannot see answers 404, which fails with {@link GithubRejectedException}.
   */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 30,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = {GithubRejectedException.class, GithubRateLimitedException.class})
  @CircuitBreakerName("github-api-repos")
  public Uni<RepositoryAccess> repository(String token, String owner, String repo) {
    return call(token, () -> api.repository(bearer(token), owner, repo)).map(RepositoryAccess::of);
  }

  /**
   * One page of issues; {@code etag} is sent as {@code If-None-Match} when given. The breaker opens
   * on repeated 5xx and timeouts, not on a rejected token or one token's rate limit (one
   * connection's token must not stop the others' syncs).
   */
  @CircuitBreaker(
      requestVolumeThreshold = 8,
      failureRatio = 0.75,
      delay = 30,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = {GithubRejectedException.class, GithubRateLimitedException.class})
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
    return call(
            token, () -> api.issues(bearer(token), etag, owner, repo, state, since, perPage, page))
        .map(GithubClient::page);
  }

  // a token still waiting for its limit is not sent; a limit answered is remembered for the token
  private <T> Uni<T> call(String token, Supplier<Uni<? extends T>> request) {
    Optional<Instant> blocked = limits.blockedUntil(token);
    if (blocked.isPresent()) {
      Duration wait = Duration.between(clock.instant(), blocked.get());
      return Uni.createFrom().failure(new GithubRateLimitedException(429, wait, blocked.get()));
    }
    return Uni.createFrom()
        .<T>deferred(request)
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .onFailure(GithubRateLimitedException.class)
        .transform(f -> limits.limited(token, (GithubException) f));
  }

  private static String bearer(String token) {
    return "Bearer " + token;
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
