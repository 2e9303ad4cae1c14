package io.timetracker.connector.github.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.timetracker.connector.github.CoreFakes.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.GithubApiResource;
import io.timetracker.connector.github.GithubRepos;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.TestTokens;
import io.timetracker.connector.github.client.TokenRateLimits;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.kit.timer.TimerService;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Syncs as jobs (kit job claimer): scheduled from creation, requested with 202 and a status URL,
 * capped per replica, rate limits per token, failures inside the job's result. GitHub is WireMock.
 */
@QuarkusTest
class SyncJobsTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final String TOKEN_1 = "ghp_" + "JobsTokenOneJobsTokenOneJobsToken0001";
  private static final String TOKEN_2 = "ghp_" + "JobsTokenTwoJobsTokenTwoJobsToken0002";

  @Inject SyncScheduler scheduler;
  @Inject TokenRateLimits limits;
  @Inject GithubConfig config;

  private WireMockServer github;

  @BeforeEach
  void quiet() {
    CircuitBreakerMaintenance.get().resetAll();
    limits.clear();
    github = GithubApiResource.server();
    github.resetAll();
    // other test classes' connections wait; only this test's jobs are due
    pool.query("UPDATE connector_job SET due_at = now() + interval '1 day'")
        .execute()
        .await()
        .atMost(WAIT);
    when(core.upsertTaskWithOutcome(anyLong(), any()))
        .thenAnswer(
            inv ->
                Uni.createFrom().item(new TimerService.Upserted<>(task(inv.getArgument(1)), true)));
  }

  @Test
  void aConnectionCreatedWithATokenIsOnTheSyncScheduleAtOnce() {
    Instant before = Instant.now().minusSeconds(1);
    String id = connect(repo(), TOKEN_1);

    List<OffsetDateTime> due =
        pool.preparedQuery(
                "SELECT due_at FROM connector_job WHERE connection_id = $1 AND job = 'github-sync'")
            .execute(Tuple.of(id))
            .map(rows -> rows.stream().map(r -> r.getOffsetDateTime(0)).toList())
            .await()
            .atMost(WAIT);
    assertThat(due).singleElement().satisfies(d -> assertThat(d.toInstant()).isAfter(before));
  }

  @Test
  void aRequestedSyncIsQueuedOnceAndItsStatusUrlReportsTheResult() {
    String repo = repo();
    String id = connect(repo, TOKEN_1);
    issues(repo, "[" + issue(1) + "," + issue(2) + "]");

    Response first = request(id);
    Response second = request(id);
    first.then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("queued"));
    assertThat((String) second.path("jobId")).isEqualTo(first.path("jobId"));
    status(first.path("statusUrl")).then().body("status", org.hamcrest.Matchers.equalTo("queued"));

    assertThat(scheduler.runDue().await().atMost(WAIT)).isEqualTo(1);

    status(first.path("statusUrl"))
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("success"))
        .body("pages", org.hamcrest.Matchers.equalTo(1))
        .body("created", org.hamcrest.Matchers.equalTo(2))
        .body("finishedAt", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void noMoreThanMaxConcurrentSyncsRunAtOnceInAReplica() {
    List<String> urls = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String repo = repo();
      issues(repo, "[" + issue(1) + "]");
      urls.add(request(connect(repo, TOKEN_1)).path("statusUrl"));
    }

    // two claims at once: the first takes both slots (github.sync.max-concurrent=2 in tests)
    Uni<Integer> a = scheduler.runDue();
    Uni<Integer> b = scheduler.runDue();
    var ran = Uni.combine().all().unis(a, b).asTuple().await().atMost(WAIT);

    assertThat(ran.getItem1() + ran.getItem2()).isEqualTo(2);
    assertThat(urls.stream().map(u -> (String) status(u).path("status")))
        .containsExactlyInAnyOrder("success", "success", "queued");
    assertThat(scheduler.runDue().await().atMost(WAIT)).isEqualTo(1);
    assertThat(urls.stream().map(u -> (String) status(u).path("status"))).containsOnly("success");
  }

  @Test
  void oneTokensRateLimitDelaysOnlyItsConnectionUntilTheResetAndOpensNoBreaker() {
    String limitedRepo = repo();
    String freeRepo = repo();
    String limited = connect(limitedRepo, TOKEN_1);
    String free = connect(freeRepo, TOKEN_2);
    long reset = Instant.now().plusSeconds(3600).getEpochSecond();
    github.stubFor(
        get(urlPathEqualTo("/repos/" + limitedRepo + "/issues"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("X-RateLimit-Limit", "5000")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", Long.toString(reset))
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"API rate limit exceeded for user ID 1.\","
                            + "\"documentation_url\":\"https://docs.github.com/rest/overview/"
                            + "rate-limits-for-the-rest-api\",\"status\":\"403\"}")));
    issues(freeRepo, "[" + issue(1) + "]");

    String limitedUrl = request(limited).path("statusUrl");
    String freeUrl = request(free).path("statusUrl");
    scheduler.runDue().await().atMost(WAIT);

    status(limitedUrl)
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("failed"))
        .body("errors[0]", org.hamcrest.Matchers.containsString("rate limit"));
    status(freeUrl).then().body("status", org.hamcrest.Matchers.equalTo("success"));
    assertThat(dueAt(limited)).isAfterOrEqualTo(Instant.ofEpochSecond(reset).minusSeconds(5));
    assertThat(CircuitBreakerMaintenance.get().currentState("github-api-issues"))
        .isEqualTo(CircuitBreakerState.CLOSED);

    // asked again before the reset: GitHub is not called with that token
    String again = request(limited).path("statusUrl");
    scheduler.runDue().await().atMost(WAIT);
    status(again).then().body("status", org.hamcrest.Matchers.equalTo("failed"));
    github.verify(1, getRequestedFor(urlPathEqualTo("/repos/" + limitedRepo + "/issues")));
  }

  @Test
  void aSyncThatGithubsOutageEndedRunsAgainSoonAndThenImportsTheIssues() {
    String repo = repo();
    String id = connect(repo, TOKEN_1);
    StubMapping outage =
        github.stubFor(
            get(urlPathEqualTo("/repos/" + repo + "/issues"))
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
    Instant before = Instant.now();

    String failed = request(id).path("statusUrl");
    scheduler.runDue().await().atMost(WAIT);

    status(failed)
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("failed"))
        .body("errors[0]", org.hamcrest.Matchers.containsString("HTTP 502"));
    // the first call and github.sync.page-retries (3) more
    github.verify(4, getRequestedFor(urlPathEqualTo("/repos/" + repo + "/issues")));
    Duration retry = config.sync().retryAfterFailure();
    assertThat(dueAt(id))
        .isBetween(before.plus(retry), Instant.now().plus(retry))
        .isBefore(before.plus(config.sync().interval()));

    // GitHub is back when the job is due again: the issues arrive
    github.removeStub(outage);
    issues(repo, "[" + issue(1) + "," + issue(2) + "]");
    makeDue(id);
    assertThat(scheduler.runDue().await().atMost(WAIT)).isEqualTo(1);
    assertThat(lastSyncStatus(id)).isEqualTo("success");
  }

  @Test
  void aSyncGithubRefusedForGoodWaitsForTheInterval() {
    String repo = repo();
    String id = connect(repo, TOKEN_1);
    github.stubFor(
        get(urlPathEqualTo("/repos/" + repo + "/issues"))
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
    Instant before = Instant.now();

    String failed = request(id).path("statusUrl");
    scheduler.runDue().await().atMost(WAIT);

    status(failed).then().body("status", org.hamcrest.Matchers.equalTo("failed"));
    github.verify(1, getRequestedFor(urlPathEqualTo("/repos/" + repo + "/issues")));
    assertThat(dueAt(id)).isAfterOrEqualTo(before.plus(config.sync().interval()));
  }

  @Test
  void aTokenThatNoLongerDecryptsFailsTheSyncWithAClearErrorNotA500() {
    String id = connect(repo(), TOKEN_1);
    pool.preparedQuery("UPDATE github_connection SET token = $2 WHERE id = $1::uuid")
        .execute(Tuple.of(id, "enc:v1:12345:AQAAMDkAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        .await()
        .atMost(WAIT);

    Response accepted = request(id);
    accepted.then().statusCode(202);
    scheduler.runDue().await().atMost(WAIT);

    status(accepted.path("statusUrl"))
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("failed"))
        .body("errors[0]", org.hamcrest.Matchers.containsString("cannot be decrypted"));
  }

  @Test
  void anUnencryptedTokenInTheDatabaseIsRefusedNeverSentToGithub() {
    String repo = repo();
    String id = connect(repo, TOKEN_1);
    String planted = "ghp_" + "plantedPlantedPlantedPlantedPlanted00";
    GithubRepos.grant(repo, planted, true, true);
    pool.preparedQuery("UPDATE github_connection SET token = $2 WHERE id = $1::uuid")
        .execute(Tuple.of(id, planted))
        .await()
        .atMost(WAIT);

    Response accepted = request(id);
    scheduler.runDue().await().atMost(WAIT);

    status(accepted.path("statusUrl"))
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("failed"))
        .body("errors[0]", org.hamcrest.Matchers.containsString("not encrypted"));
    github.verify(
        0,
        getRequestedFor(urlPathEqualTo("/repos/" + repo + "/issues"))
            .withHeader("Authorization", equalTo("Bearer " + planted)));
  }

  @Test
  void eachSyncChecksRepositoryAccessAgain() {
    String repo = repo();
    GithubRepos.grant(repo, TOKEN_1, false, true);
    String id = connect(repo, TOKEN_1);
    assertThat(verifiedAt(id)).isNotNull();
    github.resetAll();
    GithubRepos.grant(repo, TOKEN_1, false, false);
    issues(repo, "[]");

    request(id);
    scheduler.runDue().await().atMost(WAIT);

    assertThat(verifiedAt(id)).isNull();
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .get("/api/integrations/github/connections/" + id + "/config")
        .then()
        .body(
            "settings.verificationError",
            org.hamcrest.Matchers.containsString("neither push nor admin"));
  }

  private String connect(String repo, String token) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("token", token);
    settings.put("defaultProjectId", 100);
    Response r = create("alice", repo, settings);
    assertThat(r.statusCode()).isEqualTo(201);
    return r.path("connection.id");
  }

  private static Response request(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .post("/api/integrations/github/connections/" + id + "/sync");
  }

  private static Response status(String url) {
    return given().auth().oauth2(TestTokens.user("alice")).get(url);
  }

  private void issues(String repo, String json) {
    github.stubFor(get(urlPathEqualTo("/repos/" + repo + "/issues")).willReturn(okJson(json)));
  }

  private Instant dueAt(String id) {
    return pool.preparedQuery(
            "SELECT due_at FROM connector_job WHERE connection_id = $1 AND job = 'github-sync'")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant())
        .await()
        .atMost(WAIT);
  }

  private void makeDue(String id) {
    pool.preparedQuery(
            "UPDATE connector_job SET due_at = now() WHERE connection_id = $1 AND job = 'github-sync'")
        .execute(Tuple.of(id))
        .await()
        .atMost(WAIT);
  }

  private String lastSyncStatus(String id) {
    return pool.preparedQuery("SELECT last_sync_status FROM github_connection WHERE id = $1::uuid")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getString(0))
        .await()
        .atMost(WAIT);
  }

  private Instant verifiedAt(String id) {
    return pool.preparedQuery("SELECT verified_at FROM github_connection WHERE id = $1::uuid")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0))
        .map(t -> t == null ? null : t.toInstant())
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private static String repo() {
    return "octo/jobs-" + REPOS.incrementAndGet();
  }

  private static String issue(int n) {
    return "{\"number\":" + n + ",\"title\":\"Issue " + n + "\",\"state\":\"open\",\"labels\":[]}";
  }
}
