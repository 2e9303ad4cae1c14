package io.timetracker.connector.github.client;

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
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.GithubApiResource;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.Secrets;
import io.timetracker.connector.github.TestTokens;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** test and sync against a WireMock GitHub: token use, paging, PRs, label filter, 429, ETag. */
@QuarkusTest
class GithubSyncTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final String TOKEN = "ghp_" + "SyncT0kenSyncT0kenSyncT0kenSyncT0ken12";

  @jakarta.inject.Inject io.timetracker.connector.github.service.SyncScheduler scheduler;

  private WireMockServer github;
  private String repo;

  @BeforeEach
  void stubs() {
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get().resetAll();
    github = GithubApiResource.server();
    github.resetAll();
    repo = "octo/sync-" + REPOS.incrementAndGet();
    when(core.upsertTaskWithOutcome(anyLong(), any()))
        .thenAnswer(
            inv ->
                Uni.createFrom()
                    .item(
                        new io.timetracker.connector.kit.timer.TimerService.Upserted<>(
                            task(inv.getArgument(1)), true)));
  }

  @Test
  void testCallsGithubWithTheTokenAndAnswersTheLogin() {
    github.stubFor(get("/user").willReturn(okJson("{\"login\":\"octocat\",\"id\":1}")));
    String id = connection(Map.of("token", Secrets.seen(TOKEN)));

    call("test", id)
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.equalTo(true))
        .body("message", org.hamcrest.Matchers.equalTo("Connected as octocat"));

    github.verify(
        getRequestedFor(urlPathEqualTo("/user"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void testWithoutATokenSaysWhatIsMissing() {
    String id = connection(Map.of());
    call("test", id)
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.equalTo(false))
        .body("message", org.hamcrest.Matchers.startsWith("No GitHub token configured"));
  }

  @Test
  void testWithARejectedTokenSaysSo() {
    github.stubFor(
        get("/user")
            .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
    String id = connection(Map.of("token", Secrets.seen(TOKEN)));
    call("test", id)
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.equalTo(false))
        .body("message", org.hamcrest.Matchers.containsString("HTTP 401"));
  }

  @Test
  void syncReadsEveryPageSkipsPullRequestsAppliesTheLabelFilterAndWaitsOutA429() {
    String path = "/repos/" + repo + "/issues";
    github.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("state", equalTo("open"))
            .withQueryParam("page", equalTo("1"))
            .willReturn(
                okJson("[" + issue(1, "tt") + "," + pr(2) + "," + issue(3, "other") + "]")
                    .withHeader("Link", link(2))
                    .withHeader("ETag", "\"page1-v1\"")));
    github.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("state", equalTo("open"))
            .withQueryParam("page", equalTo("2"))
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("waited"));
    github.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("state", equalTo("open"))
            .withQueryParam("page", equalTo("2"))
            .inScenario("rate")
            .whenScenarioStateIs("waited")
            .willReturn(
                okJson("[" + issue(4, "TT") + "," + pr(5) + "]").withHeader("Link", link(3))));
    github.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("state", equalTo("open"))
            .withQueryParam("page", equalTo("3"))
            .willReturn(okJson("[" + issue(6, "tt") + "]")));
    String id = connection(Map.of("token", Secrets.seen(TOKEN), "labelFilter", "tt"));

    syncNow(id)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("success"))
        .body("created", org.hamcrest.Matchers.equalTo(3))
        .body("skipped", org.hamcrest.Matchers.equalTo(3));

    assertThat(upsertedRefs())
        .containsExactlyInAnyOrder(
            "github:" + repo + "#1", "github:" + repo + "#4", "github:" + repo + "#6");
    github.verify(2, getRequestedFor(urlPathEqualTo(path)).withQueryParam("page", equalTo("2")));
  }

  @Test
  void aSecondSyncAsksWithTheEtagAndCompletesIssuesClosedSince() {
    String path = "/repos/" + repo + "/issues";
    github.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("state", equalTo("open"))
            .willReturn(okJson("[" + issue(1, "x") + "]").withHeader("ETag", "\"v1\"")));
    String id = connection(Map.of("token", Secrets.seen(TOKEN)));
    syncNow(id).then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(1));

    github.resetAll();
    github.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("state", equalTo("open"))
            .withHeader("If-None-Match", equalTo("\"v1\""))
            .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
    github.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("state", equalTo("closed"))
            .willReturn(okJson("[" + issue(1, "x").replace("\"open\"", "\"closed\"") + "]")));
    syncNow(id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("success"));

    ArgumentCaptor<UpsertTaskByRefRequest> captor =
        ArgumentCaptor.forClass(UpsertTaskByRefRequest.class);
    verify(core, atLeastOnce()).upsertTaskWithOutcome(anyLong(), captor.capture());
    assertThat(captor.getAllValues())
        .extracting(UpsertTaskByRefRequest::status)
        .containsExactly(null, "done");
    github.verify(
        getRequestedFor(urlPathEqualTo(path))
            .withQueryParam(
                "since", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
  }

  @Test
  void repeated5xxOpenTheBreakerSoGithubIsNotCalledAgainForAWhile() {
    github.stubFor(get("/user").willReturn(aResponse().withStatus(502)));
    String id = connection(Map.of("token", Secrets.seen(TOKEN)));

    for (int i = 0; i < 4; i++) {
      call("test", id).then().statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(false));
    }
    call("test", id)
        .then()
        .statusCode(200)
        .body("message", org.hamcrest.Matchers.containsString("calls are paused"));

    github.verify(4, getRequestedFor(urlPathEqualTo("/user")));
    assertThat(
            io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get()
                .currentState("github-api-user"))
        .isEqualTo(io.smallrye.faulttolerance.api.CircuitBreakerState.OPEN);
  }

  @Test
  void aRejectedTokenDoesNotOpenTheBreaker() {
    github.stubFor(get("/user").willReturn(aResponse().withStatus(401)));
    String id = connection(Map.of("token", Secrets.seen(TOKEN)));
    for (int i = 0; i < 5; i++) {
      call("test", id)
          .then()
          .statusCode(200)
          .body("message", org.hamcrest.Matchers.containsString("HTTP 401"));
    }
    github.verify(5, getRequestedFor(urlPathEqualTo("/user")));
  }

  private List<String> upsertedRefs() {
    ArgumentCaptor<UpsertTaskByRefRequest> captor =
        ArgumentCaptor.forClass(UpsertTaskByRefRequest.class);
    verify(core, atLeastOnce()).upsertTaskWithOutcome(anyLong(), captor.capture());
    return captor.getAllValues().stream().map(UpsertTaskByRefRequest::externalRef).toList();
  }

  private String connection(Map<String, Object> extra) {
    Map<String, Object> settings = new java.util.HashMap<>(extra);
    settings.put("defaultProjectId", 100);
    Response r = create("alice", repo, settings);
    assertThat(r.statusCode()).isEqualTo(201);
    return r.path("connection.id");
  }

  /** Requests a sync (202 with a job), runs the due jobs, and answers the job's status. */
  private Response syncNow(String id) {
    Response accepted = call("sync", id);
    accepted.then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("queued"));
    String statusUrl = accepted.path("statusUrl");
    assertThat(accepted.header("Location")).endsWith(statusUrl);
    return runUntilFinished(statusUrl);
  }

  // other tests' connections may be due too: each round runs the oldest due jobs, until ours ran
  private Response runUntilFinished(String statusUrl) {
    for (int round = 0; round < 100; round++) {
      Response status = given().auth().oauth2(TestTokens.user("alice")).get(statusUrl);
      if (status.path("finishedAt") != null) {
        return status;
      }
      if (scheduler.runDue().await().atMost(WAIT) == 0) {
        throw new AssertionError("nothing due, but the sync did not finish: " + status.asString());
      }
    }
    throw new AssertionError("the sync did not finish");
  }

  private static Response call(String what, String id) {
    return given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .post("/api/integrations/github/connections/" + id + "/" + what);
  }

  private String link(int next) {
    String base = "https://api.github.com/repositories/1/issues?state=open&per_page=100&page=";
    return "<" + base + next + ">; rel=\"next\", <" + base + "3>; rel=\"last\"";
  }

  private static String issue(int n, String label) {
    return "{\"number\":"
        + n
        + ",\"title\":\"Issue "
        + n
        + "\",\"body\":\"b\",\"state\":\"open\",\"labels\":[{\"name\":\""
        + label
        + "\"}]}";
  }

  private static String pr(int n) {
    return "{\"number\":"
        + n
        + ",\"title\":\"PR "
        + n
        + "\",\"state\":\"open\",\"labels\":[{\"name\":\"tt\"}],\"pull_request\":{\"url\":\"x\"}}";
  }
}
