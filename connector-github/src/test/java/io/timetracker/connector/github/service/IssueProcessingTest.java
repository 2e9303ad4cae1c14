package io.timetracker.connector.github.service;

import static io.timetracker.connector.github.CoreFakes.task;
import static io.timetracker.connector.github.CoreFakes.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.InboxRunners;
import io.timetracker.connector.kit.inbox.InboxRunner;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import io.timetracker.contracts.client.CoreUnavailableException;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Processing stored deliveries through the core's typed client (a mock here; the same flow runs
 * against the real timer-service in deploy/local/e2e-github.sh).
 */
@QuarkusTest
class IssueProcessingTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;

  private InboxRunner runner;

  private String repo;
  private String id;
  private String secret;

  @BeforeEach
  void connectAndStubCore() {
    runner = InboxRunners.onTheApplicationPool(8);
    repo = "octo/work-" + REPOS.incrementAndGet();
    var created =
        create(
            "alice",
            repo,
            Map.of("defaultProjectId", 100, "autoStart", true, "stopOnUnassign", true));
    assertThat(created.statusCode()).isEqualTo(201);
    id = created.path("connection.id");
    secret = created.path("webhookSecret");
    stubCoreForDeliveries();
  }

  @Test
  void openedUpsertsTheTaskWithARepositoryScopedRefAndPriorityFromTheFirstKnownLabel() {
    String delivery = send("opened", 5, "Crash on save", List.of("Enhancement", "bug"), null);

    drain();

    UpsertTaskByRefRequest request = upsertFor(5);
    assertThat(request.externalRef()).isEqualTo("github:" + repo + "#5");
    assertThat(request.projectId()).isEqualTo(100L);
    assertThat(request.externalSource()).isEqualTo("github");
    assertThat(request.name()).isEqualTo("Crash on save");
    assertThat(request.priority()).isEqualTo("medium");
    assertThat(request.status()).isNull();
    assertThat(status(delivery)).isEqualTo("done");
    assertThat(effects(delivery)).containsExactly("task_upserted");
  }

  @Test
  void closedCompletesTheTaskThroughTheCore() {
    send("closed", 6, "Done", List.of(), null);
    drain();
    assertThat(upsertFor(6).status()).isEqualTo("done");
  }

  @Test
  void reopenedMovesTheTaskBackToTodo() {
    send("reopened", 7, "Again", List.of(), null);
    drain();
    assertThat(upsertFor(7).status()).isEqualTo("todo");
  }

  @Test
  void assignedToTheOwnerStartsATimerLinkedToTheTask() {
    String delivery = send("assigned", 8, "Fix the login", List.of(), "alice-gh");

    drain();

    ArgumentCaptor<ServiceStartTimerRequest> start =
        ArgumentCaptor.forClass(ServiceStartTimerRequest.class);
    verify(core, atLeastOnce()).startTimer(eq(ALICE), start.capture());
    ServiceStartTimerRequest request =
        start.getAllValues().stream()
            .filter(r -> r.externalRef().startsWith("github:" + repo + "#8@"))
            .findFirst()
            .orElseThrow();
    assertThat(request.taskId()).isEqualTo(taskId("github:" + repo + "#8"));
    assertThat(request.projectId()).isEqualTo(100L);
    assertThat(request.source()).isEqualTo("github");
    assertThat(request.notes()).isEqualTo("GitHub issue #8: Fix the login");
    assertThat(request.whenRunning()).isEqualTo("skip");
    assertThat(request.externalRef()).isEqualTo("github:" + repo + "#8@" + delivery);
    assertThat(effects(delivery)).containsExactly("timer_started");
    var log =
        given()
            .auth()
            .oauth2(io.timetracker.connector.github.TestTokens.user("alice"))
            .get("/api/integrations/github/connections/" + id + "/deliveries");
    String rowId = log.path("items.find { it.deliveryId == '" + delivery + "' }.id");
    given()
        .auth()
        .oauth2(io.timetracker.connector.github.TestTokens.user("alice"))
        .get("/api/integrations/github/connections/" + id + "/deliveries/" + rowId)
        .then()
        .statusCode(200)
        .body("delivery.status", org.hamcrest.Matchers.equalTo("done"))
        .body("effects[0].effect", org.hamcrest.Matchers.equalTo("timer_started"))
        .body("effects[0].deliveryId", org.hamcrest.Matchers.equalTo(delivery))
        .body("effects[0].timeEntryId", org.hamcrest.Matchers.equalTo(500));
  }

  @Test
  void aLoginOfAUserWithoutAConnectionToTheRepositoryStartsNothing() {
    String delivery = send("assigned", 9, "Not mine", List.of(), "carol-gh");

    drain();

    verify(core, never()).startTimer(eq(CAROL), any());
    assertThat(effects(delivery)).containsExactly("skipped");
  }

  @Test
  void unassignedStopsTheTimerOfThatIssue() {
    String ref = "github:" + repo + "#11";
    TimeEntryDto running =
        new TimeEntryDto(
            77,
            ALICE,
            100,
            taskId(ref),
            Instant.now(),
            null,
            null,
            "n",
            List.of(),
            true,
            "github",
            ref + "@x",
            true,
            Instant.now(),
            Instant.now(),
            0);
    when(core.timer(ALICE))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(true, running, "P", 5L)));
    when(core.stopTimer(ALICE)).thenReturn(Uni.createFrom().item(running));

    String delivery = send("unassigned", 11, "Stop", List.of(), "alice-gh");
    drain();

    verify(core).stopTimer(ALICE);
    assertThat(effects(delivery)).containsExactly("timer_stopped");
  }

  @Test
  void unassignedStopsATimerStartedByHandOnThatIssuesTask() {
    send("opened", 15, "Manual", List.of(), null);
    drain();
    String ref = "github:" + repo + "#15";
    TimeEntryDto manual =
        new TimeEntryDto(
            78,
            ALICE,
            100,
            taskId(ref),
            Instant.now(),
            null,
            null,
            "by hand",
            List.of(),
            true,
            "timer",
            null,
            true,
            Instant.now(),
            Instant.now(),
            0);
    when(core.timer(ALICE))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(true, manual, "P", 5L)));
    when(core.stopTimer(ALICE)).thenReturn(Uni.createFrom().item(manual));

    String delivery = send("unassigned", 15, "Manual", List.of(), "alice-gh");
    drain();

    verify(core).stopTimer(ALICE);
    assertThat(effects(delivery)).containsExactly("timer_stopped");
  }

  @Test
  void unassignedLeavesATimerOnAnotherTaskRunning() {
    TimeEntryDto other =
        new TimeEntryDto(
            79,
            ALICE,
            100,
            999_999L,
            Instant.now(),
            null,
            null,
            "other",
            List.of(),
            true,
            "timer",
            null,
            true,
            Instant.now(),
            Instant.now(),
            0);
    when(core.timer(ALICE))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(true, other, "P", 5L)));

    String delivery = send("unassigned", 16, "Other", List.of(), "alice-gh");
    drain();

    verify(core, never()).stopTimer(ALICE);
    assertThat(effects(delivery)).containsExactly("skipped");
  }

  @Test
  void theLabelFilterSkipsIssuesWithoutTheLabel() {
    given()
        .auth()
        .oauth2(io.timetracker.connector.github.TestTokens.user("alice"))
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("defaultProjectId", 100, "labelFilter", "TimeTracker"))
        .put("/api/integrations/github/connections/" + id + "/config")
        .then()
        .statusCode(200);

    String skipped = send("opened", 12, "No label", List.of("bug"), null);
    String taken = send("opened", 13, "Labelled", List.of("timetracker"), null);
    drain();

    assertThat(effects(skipped)).containsExactly("skipped");
    assertThat(effects(taken)).containsExactly("task_upserted");
  }

  @Test
  void whileTheCoreIsDownDeliveriesAreKeptAndAllProcessedOnceWhenItIsBack() {
    org.mockito.Mockito.doReturn(
            Uni.createFrom().failure(new CoreUnavailableException(503, "unavailable", null, null)))
        .when(core)
        .upsertTask(anyLong(), any());
    List<String> deliveries = new java.util.ArrayList<>();
    for (int n = 100; n < 200; n++) {
      deliveries.add(send("opened", n, "Issue " + n, List.of(), null));
    }
    drain();
    assertThat(deliveries).allSatisfy(d -> assertThat(status(d)).isEqualTo("failed"));

    org.mockito.Mockito.doAnswer(inv -> Uni.createFrom().item(task(inv.getArgument(1))))
        .when(core)
        .upsertTask(anyLong(), any());
    pool.query(
            "UPDATE inbox_delivery SET next_attempt_at = now() - interval '1 second' WHERE status = 'failed'")
        .execute()
        .await()
        .atMost(WAIT);
    drain();

    assertThat(deliveries).allSatisfy(d -> assertThat(status(d)).isEqualTo("done"));
    long successfulUpserts =
        mockingDetails(core).getInvocations().stream()
            .filter(i -> i.getMethod().getName().equals("upsertTask"))
            .map(i -> (UpsertTaskByRefRequest) i.getArgument(1))
            .filter(r -> r.externalRef().startsWith("github:" + repo + "#"))
            .count();
    // 100 failed attempts + 100 successful ones, never more
    assertThat(successfulUpserts).isEqualTo(200);
  }

  @Test
  void aDeliveryForAConnectionWithoutADefaultProjectIsDeadWithTheReasonAndCanBeRedelivered() {
    given()
        .auth()
        .oauth2(io.timetracker.connector.github.TestTokens.user("alice"))
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of())
        .put("/api/integrations/github/connections/" + id + "/config")
        .then()
        .statusCode(200);
    String delivery = send("opened", 14, "Nowhere", List.of(), null);
    drain();
    assertThat(status(delivery)).isEqualTo("dead");

    var log =
        given()
            .auth()
            .oauth2(io.timetracker.connector.github.TestTokens.user("alice"))
            .get("/api/integrations/github/connections/" + id + "/deliveries");
    log.then().statusCode(200);
    String rowId = log.path("items.find { it.deliveryId == '" + delivery + "' }.id");
    assertThat((String) log.path("items.find { it.deliveryId == '" + delivery + "' }.lastError"))
        .contains("default project not set");

    given()
        .auth()
        .oauth2(io.timetracker.connector.github.TestTokens.user("alice"))
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("defaultProjectId", 100))
        .put("/api/integrations/github/connections/" + id + "/config")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(io.timetracker.connector.github.TestTokens.user("alice"))
        .post("/api/integrations/github/connections/" + id + "/deliveries/" + rowId + "/redeliver")
        .then()
        .statusCode(202);
    drain();

    assertThat(status(delivery)).isEqualTo("done");
    assertThat(upsertFor(14).name()).isEqualTo("Nowhere");
  }

  @Test
  void anIssuesFieldUpdatesQueuedBehindEachOtherCostOneCoreCallWithTheNewestFields() {
    String opened = send("opened", 20, "First title", List.of(), null);
    String labeled = send("labeled", 20, "First title", List.of("bug"), null);
    String edited = send("edited", 20, "Final title", List.of("bug"), null);

    drain();

    assertThat(upsertsFor(20))
        .singleElement()
        .satisfies(r -> assertThat(r.name()).isEqualTo("Final title"))
        .satisfies(r -> assertThat(r.priority()).isEqualTo(upsertsFor(20).get(0).priority()));
    assertThat(effects(opened)).containsExactly("superseded");
    assertThat(effects(labeled)).containsExactly("superseded");
    assertThat(effects(edited)).containsExactly("task_upserted");
    assertThat(List.of(status(opened), status(labeled), status(edited))).containsOnly("done");
  }

  @Test
  void aCloseIsNeverLeftOutWhenAnEditFollowsIt() {
    send("edited", 21, "Almost", List.of(), null);
    send("closed", 21, "Almost", List.of(), null);
    send("edited", 21, "Done, renamed", List.of(), null);

    drain();

    assertThat(upsertsFor(21))
        .extracting(UpsertTaskByRefRequest::status, UpsertTaskByRefRequest::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("done", "Almost"),
            org.assertj.core.groups.Tuple.tuple(null, "Done, renamed"));
  }

  @Test
  void theUpdateBeforeAnAssignmentIsAppliedSoTheTimerStartsOnTheTask() {
    String opened = send("opened", 22, "Needs an owner", List.of(), null);
    String assigned = send("assigned", 22, "Needs an owner", List.of(), "alice-gh");

    drain();

    assertThat(upsertsFor(22)).hasSize(2); // the opened's own, then the assignment's ensure
    assertThat(effects(opened)).containsExactly("task_upserted");
    assertThat(effects(assigned)).containsExactly("timer_started");
  }

  private static io.restassured.specification.RequestSpecification given() {
    return io.restassured.RestAssured.given();
  }

  private String send(
      String action, int number, String title, List<String> labels, String assignee) {
    byte[] body = Deliveries.issue(action, repo, number, title, labels, assignee);
    String delivery = Deliveries.newId();
    deliver(hook(id), "issues", delivery, body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202);
    return delivery;
  }

  private void drain() {
    while (runner.runOnce().await().atMost(WAIT) > 0) {
      // until nothing is due
    }
  }

  private UpsertTaskByRefRequest upsertFor(int number) {
    ArgumentCaptor<UpsertTaskByRefRequest> captor =
        ArgumentCaptor.forClass(UpsertTaskByRefRequest.class);
    verify(core, atLeastOnce()).upsertTask(anyLong(), captor.capture());
    String ref = "github:" + repo + "#" + number;
    return captor.getAllValues().stream()
        .filter(r -> r.externalRef().equals(ref))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  private List<UpsertTaskByRefRequest> upsertsFor(int number) {
    ArgumentCaptor<UpsertTaskByRefRequest> captor =
        ArgumentCaptor.forClass(UpsertTaskByRefRequest.class);
    verify(core, atLeastOnce()).upsertTask(anyLong(), captor.capture());
    String ref = "github:" + repo + "#" + number;
    return captor.getAllValues().stream().filter(r -> r.externalRef().equals(ref)).toList();
  }

  private String status(String delivery) {
    return pool.preparedQuery("SELECT status FROM inbox_delivery WHERE delivery_id = $1")
        .execute(Tuple.of(delivery))
        .map(rows -> rows.iterator().next().getString(0))
        .await()
        .atMost(WAIT);
  }

  private List<String> effects(String delivery) {
    return pool.preparedQuery("SELECT effect FROM github_effect WHERE delivery_id = $1 ORDER BY id")
        .execute(Tuple.of(delivery))
        .map(
            rows -> {
              List<String> l = new java.util.ArrayList<>();
              rows.forEach(r -> l.add(r.getString(0)));
              return l;
            })
        .await()
        .atMost(WAIT);
  }
}
