package io.timetracker.connector.github.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.CoreFakes;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.InboxRunners;
import io.timetracker.connector.kit.inbox.InboxRunner;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import io.timetracker.contracts.client.CoreConflictException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One issue's deliveries apply in the order they arrived, also with two runners (each on its own
 * pool, as two connector instances) draining one inbox concurrently; the core is a stateful fake
 * that answers after a random few milliseconds, so any reordering would show in its final state.
 */
@QuarkusTest
class IssueOrderingTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final int ISSUES = 30;

  /** Every upsert the fake core applied, per reference, in the order it applied them. */
  private final Map<String, List<UpsertTaskByRefRequest>> applied = new ConcurrentHashMap<>();

  private String repo;
  private String id;
  private String secret;
  private Pool secondPool;

  @BeforeEach
  void connectAndFakeTheCore() {
    repo = "octo/order-" + REPOS.incrementAndGet();
    var created = create("alice", repo, Map.of("defaultProjectId", 100, "autoStart", true));
    assertThat(created.statusCode()).isEqualTo(201);
    id = created.path("connection.id");
    secret = created.path("webhookSecret");
    when(core.upsertTask(anyLong(), any())).thenAnswer(inv -> slowUpsert(inv.getArgument(1)));
    when(core.timer(anyLong()))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(false, null, null, null)));
    when(core.startTimer(anyLong(), any()))
        .thenAnswer(
            inv -> Uni.createFrom().item(CoreFakes.entry(inv.getArgument(0), inv.getArgument(1))));
    when(core.userByGithubLogin("alice-gh"))
        .thenReturn(Uni.createFrom().item(Optional.of(user(ALICE))));
    secondPool = InboxRunners.newPool();
  }

  @AfterEach
  void closeSecondPool() {
    secondPool.closeAndAwait();
  }

  @Test
  void twoRunnersApplyEachIssuesDeliveriesOnceInArrivalOrder() {
    Map<Integer, List<String>> sent = new ConcurrentHashMap<>();
    String[][] script = {
      {"opened", "v1"},
      {"labeled", "v1"},
      {"edited", "v2"},
      {"closed", "v2"},
      {"reopened", "v2"},
      {"closed", "v3"}
    };
    for (String[] step : script) {
      for (int n = 1; n <= ISSUES; n++) {
        String title = "Issue " + n + " " + step[1];
        sent.computeIfAbsent(n, k -> new ArrayList<>()).add(send(step[0], n, title, null));
      }
    }

    drainWith(InboxRunners.onTheApplicationPool(6), InboxRunners.onPool(secondPool, 6));

    for (int n = 1; n <= ISSUES; n++) {
      String ref = "github:" + repo + "#" + n;
      assertThat(applied.get(ref))
          .extracting(UpsertTaskByRefRequest::status)
          .as("statuses applied to %s", ref)
          .containsExactly("done", "todo", "done");
      UpsertTaskByRefRequest last = applied.get(ref).get(applied.get(ref).size() - 1);
      assertThat(last.name()).isEqualTo("Issue " + n + " v3");
      assertThat(effectLog(ref)).as("effect log of %s", ref).isEqualTo(sent.get(n));
      assertThat(sent.get(n).subList(0, 3))
          .as("opened, labeled, edited: their fields come with the close stored behind them")
          .allSatisfy(delivery -> assertThat(effects(delivery)).containsExactly("superseded"));
    }
    assertThat(inboxStates()).containsOnly("done:1");
  }

  @Test
  void anOpenedWhoseUpsertMeetsConcurrentUpsertIsRetriedAndTheAssignedAfterItStartsTheTimer() {
    AtomicInteger upserts = new AtomicInteger();
    when(core.upsertTask(anyLong(), any()))
        .thenAnswer(
            inv ->
                upserts.incrementAndGet() == 1
                    ? Uni.createFrom()
                        .failure(new CoreConflictException("concurrent_upsert", "retry"))
                    : slowUpsert(inv.getArgument(1)));
    String opened = send("opened", 9, "Fix the login", null);
    String assigned = send("assigned", 9, "Fix the login", "alice-gh");
    InboxRunner runner = InboxRunners.onTheApplicationPool(4);

    drainWith(runner);
    assertThat(status(opened)).isEqualTo("failed");
    assertThat(status(assigned)).isEqualTo("received");
    makeRetriesDue();
    drainWith(runner);

    assertThat(status(opened)).isEqualTo("done");
    assertThat(status(assigned)).isEqualTo("done");
    verify(core, atLeastOnce()).startTimer(eq(ALICE), any());
    assertThat(effectLog("github:" + repo + "#9")).containsExactly(opened, assigned);
    assertThat(effects(opened)).containsExactly("task_upserted");
    assertThat(effects(assigned)).containsExactly("timer_started");
  }

  private Uni<TaskDto> slowUpsert(UpsertTaskByRefRequest r) {
    return Uni.createFrom()
        .item(r)
        .onItem()
        .delayIt()
        .by(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 8)))
        .invoke(
            req ->
                applied
                    .computeIfAbsent(req.externalRef(), k -> new CopyOnWriteArrayList<>())
                    .add(req))
        .map(CoreFakes::task);
  }

  private void drainWith(InboxRunner... runners) {
    int claimed;
    do {
      List<Uni<Integer>> rounds = new ArrayList<>();
      for (InboxRunner r : runners) {
        rounds.add(r.runOnce());
      }
      claimed =
          Uni.join().all(rounds).andFailFast().await().atMost(WAIT).stream()
              .mapToInt(Integer::intValue)
              .sum();
    } while (claimed > 0);
  }

  private String send(String action, int number, String title, String assignee) {
    byte[] body = Deliveries.issue(action, repo, number, title, List.of("bug"), assignee);
    String delivery = Deliveries.newId();
    deliver(hook(id), "issues", delivery, body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202);
    return delivery;
  }

  private void makeRetriesDue() {
    pool.query(
            "UPDATE inbox_delivery SET next_attempt_at = now() - interval '1 second'"
                + " WHERE status = 'failed'")
        .execute()
        .await()
        .atMost(WAIT);
  }

  // one row per effect, in the order the effects were recorded
  private List<String> effectLog(String ref) {
    return strings(
        "SELECT delivery_id FROM github_effect WHERE issue_ref = $1 ORDER BY id", Tuple.of(ref));
  }

  private List<String> effects(String delivery) {
    return strings(
        "SELECT effect FROM github_effect WHERE delivery_id = $1 ORDER BY id", Tuple.of(delivery));
  }

  private String status(String delivery) {
    return strings("SELECT status FROM inbox_delivery WHERE delivery_id = $1", Tuple.of(delivery))
        .get(0);
  }

  private List<String> inboxStates() {
    return strings(
        "SELECT d.status || ':' || d.attempts FROM inbox_delivery d JOIN github_effect e"
            + " ON e.inbox_id = d.id WHERE e.connection_id = $1",
        Tuple.of(java.util.UUID.fromString(id)));
  }

  private List<String> strings(String sql, Tuple args) {
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<String> values = new ArrayList<>();
              rows.forEach(r -> values.add(r.getString(0)));
              return values;
            })
        .await()
        .atMost(WAIT);
  }
}
