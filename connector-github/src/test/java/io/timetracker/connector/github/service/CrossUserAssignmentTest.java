package io.timetracker.connector.github.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.connector.github.GithubApiResource;
import io.timetracker.connector.github.GithubRepos;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.InboxRunners;
import io.timetracker.connector.github.TestTokens;
import io.timetracker.connector.kit.inbox.InboxRunner;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Assignments that name someone other than the receiving connection's owner: effects on that person
 * only through a connection that proved push or admin access to the repository (WireMock GitHub
 * answers {@code GET /repos/{owner}/{repo}} with its {@code permissions}).
 */
@QuarkusTest
class CrossUserAssignmentTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final String ALICE_TOKEN = "ghp_" + "AliceWritesAliceWritesAliceWrites0001";
  private static final String BOB_TOKEN = "ghp_" + "BobCannotSeeBobCannotSeeBobCannot0002";
  private static final String BOB_PUSH_TOKEN = "ghp_" + "BobPushesBobPushesBobPushesBobPu0003";

  private InboxRunner runner;

  private String repo;

  @BeforeEach
  void stubs() {
    runner = InboxRunners.onTheApplicationPool(8);
    GithubApiResource.server().resetAll();
    repo = "alice-org/app-" + REPOS.incrementAndGet();
    GithubRepos.grant(repo, ALICE_TOKEN, true, true);
    GithubRepos.deny(repo, BOB_TOKEN);
    GithubRepos.grant(repo, BOB_PUSH_TOKEN, false, true);
    stubCoreForDeliveries();
    // deliveries other test classes left in the inbox are processed now, not counted below
    drain();
    org.mockito.Mockito.clearInvocations(core);
  }

  @Test
  void savingWithATokenThatCanPushRecordsProvenAccessAndOneThatCannotSeeTheRepoSaysWhy() {
    Response alice = connect("alice", ALICE_TOKEN, 100);
    Response bob = connect("bob", BOB_TOKEN, 200);

    assertThat((String) alice.path("connection.verifiedAt")).isNotBlank();
    assertThat((String) bob.path("connection.verifiedAt")).isNull();
    assertThat((String) bob.path("connection.verificationError"))
        .contains("HTTP 404")
        .contains(repo);
  }

  @Test
  void anUnprovenConnectionToAnotherUsersRepositoryCannotStartStopOrSwitchTheirTimer() {
    connect("alice", ALICE_TOKEN, 100);
    TimeEntryDto aliceRunning = running(ALICE, 4242L, "alice's own work");
    when(core.timer(ALICE))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(true, aliceRunning, "P", 5L)));
    Response bob = connect("bob", BOB_TOKEN, 200);
    String bobHook = bob.path("connection.id");
    String bobSecret = bob.path("webhookSecret");

    String assigned = send(bobHook, bobSecret, "assigned", 7, "alice-gh");
    String unassigned = send(bobHook, bobSecret, "unassigned", 7, "alice-gh");
    drain();

    verify(core, never()).startTimer(eq(ALICE), any());
    verify(core, never()).stopTimer(ALICE);
    verify(core, never()).upsertTask(eq(ALICE), any());
    for (String delivery : List.of(assigned, unassigned)) {
      assertThat(effects(delivery))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.get("effect")).isEqualTo("skipped");
                assertThat(e.get("user_id")).isNull();
                assertThat((String) e.get("detail"))
                    .contains("'alice-gh' is not this connection's owner")
                    .contains("has not proven push or admin access to " + repo);
              });
    }
  }

  @Test
  void aTeammateWithAProvenConnectionToTheSameRepositoryStillGetsTheirTimerStarted() {
    Response alice = connect("alice", ALICE_TOKEN, 100);
    connect("bob", BOB_PUSH_TOKEN, 200);

    String delivery =
        send(alice.path("connection.id"), alice.path("webhookSecret"), "assigned", 8, "bob-gh");
    drain();

    ArgumentCaptor<ServiceStartTimerRequest> start =
        ArgumentCaptor.forClass(ServiceStartTimerRequest.class);
    verify(core).startTimer(eq(BOB), start.capture());
    assertThat(start.getValue().projectId()).isEqualTo(200L);
    assertThat(start.getValue().whenRunning()).isEqualTo("switch");
    assertThat(start.getValue().externalRef()).isEqualTo("github:" + repo + "#8@" + delivery);
    assertThat(effects(delivery)).extracting(e -> e.get("effect")).containsExactly("timer_started");
  }

  @Test
  void aTeammateWhoseOwnConnectionIsUnprovenIsSkippedWithTheReason() {
    Response alice = connect("alice", ALICE_TOKEN, 100);
    connect("bob", BOB_TOKEN, 200);

    String delivery =
        send(alice.path("connection.id"), alice.path("webhookSecret"), "assigned", 9, "bob-gh");
    drain();

    verify(core, never()).startTimer(eq(BOB), any());
    assertThat(effects(delivery))
        .singleElement()
        .satisfies(
            e -> assertThat((String) e.get("detail")).contains("'bob-gh''s connection to " + repo));
  }

  @Test
  void theOwnersDeliveryDetailShowsOnlyEffectsOnTheOwner() {
    Response alice = connect("alice", ALICE_TOKEN, 100);
    String aliceId = alice.path("connection.id");
    connect("bob", BOB_PUSH_TOKEN, 200);
    String delivery = send(aliceId, alice.path("webhookSecret"), "assigned", 10, "bob-gh");
    drain();
    assertThat(effects(delivery)).extracting(e -> e.get("user_id")).containsExactly(BOB);

    var log =
        given()
            .auth()
            .oauth2(TestTokens.user("alice"))
            .get("/api/integrations/github/connections/" + aliceId + "/deliveries");
    String rowId = log.path("items.find { it.deliveryId == '" + delivery + "' }.id");
    Response detail =
        given()
            .auth()
            .oauth2(TestTokens.user("alice"))
            .get("/api/integrations/github/connections/" + aliceId + "/deliveries/" + rowId);

    detail.then().statusCode(200);
    assertThat(detail.jsonPath().getList("effects")).isEmpty();
    assertThat(detail.asString()).doesNotContain("timer_started");
  }

  private Response connect(String user, String token, long project) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("token", token);
    settings.put("defaultProjectId", project);
    settings.put("autoStart", true);
    settings.put("stopOnUnassign", true);
    settings.put("timerPolicy", "switch");
    Response r = create(user, repo, settings);
    assertThat(r.statusCode()).isEqualTo(201);
    return r;
  }

  private String send(String connectionId, String secret, String action, int n, String assignee) {
    byte[] body = Deliveries.issue(action, repo, n, "Issue " + n, List.of(), assignee);
    String delivery = Deliveries.newId();
    deliver(hook(connectionId), "issues", delivery, body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202);
    return delivery;
  }

  private void drain() {
    while (runner.runOnce().await().atMost(WAIT) > 0) {
      // until nothing is due
    }
  }

  private List<Map<String, Object>> effects(String delivery) {
    return pool.preparedQuery(
            "SELECT effect, user_id, detail FROM github_effect WHERE delivery_id = $1 ORDER BY id")
        .execute(Tuple.of(delivery))
        .map(
            rows -> {
              List<Map<String, Object>> list = new ArrayList<>();
              rows.forEach(
                  r -> {
                    Map<String, Object> e = new HashMap<>();
                    e.put("effect", r.getString("effect"));
                    e.put("user_id", r.getLong("user_id"));
                    e.put("detail", r.getString("detail"));
                    list.add(e);
                  });
              return list;
            })
        .await()
        .atMost(WAIT);
  }

  private static TimeEntryDto running(long userId, long taskId, String notes) {
    return new TimeEntryDto(
        901,
        userId,
        100,
        taskId,
        Instant.now(),
        null,
        null,
        notes,
        List.of(),
        true,
        "timer",
        null,
        true,
        Instant.now(),
        Instant.now(),
        0);
  }
}
