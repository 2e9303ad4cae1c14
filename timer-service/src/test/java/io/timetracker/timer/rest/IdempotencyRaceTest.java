package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Two requests with the same {@code Idempotency-Key} at the same time: the second waits for the
 * first and gets its answer, instead of a conflict of its own.
 */
@QuarkusTest
class IdempotencyRaceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject Pool pool;
  @Inject TestDb db;

  @Test
  void aSecondStartRacingTheFirstWithTheSameKeyGetsTheFirstsAnswer() throws Exception {
    String token = TestTokens.user("idem-race");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    String key = UUID.randomUUID().toString();

    // an uncommitted running entry of the user holds the first start inside its transaction
    SqlConnection conn = pool.getConnection().await().atMost(WAIT);
    Transaction tx = conn.begin().await().atMost(WAIT);
    CompletableFuture<Response> first;
    CompletableFuture<Response> second;
    try {
      conn.preparedQuery(
              "INSERT INTO time_entries (user_id, project_id, start_time) VALUES ($1, $2, now())")
          .execute(Tuple.of(user, project))
          .await()
          .atMost(WAIT);
      first = CompletableFuture.supplyAsync(() -> start(token, project, key));
      // the first waits for the test's transaction (its running entry) to end
      awaitWaiting(conn, 1, first);
      second = CompletableFuture.supplyAsync(() -> start(token, project, key));
      // the second waits too: for the test's transaction or for the first's key
      awaitWaiting(conn, 2, first, second);
    } finally {
      tx.rollback().await().atMost(WAIT);
      conn.close().await().atMost(WAIT);
    }

    Response a = first.get(30, TimeUnit.SECONDS);
    Response b = second.get(30, TimeUnit.SECONDS);
    assertThat(a.statusCode()).as(a.asString()).isEqualTo(201);
    assertThat(b.statusCode()).as(b.asString()).isEqualTo(201);
    assertThat(b.jsonPath().getLong("id")).isEqualTo(a.jsonPath().getLong("id"));
    assertThat(db.entriesOf(user)).isEqualTo(1);
  }

  private static Response start(String token, long project, String key) {
    return given()
        .auth()
        .oauth2(token)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project))
        .post("/api/v1/timer/start");
  }

  /**
   * Waits until {@code n} other sessions of this database are blocked on a lock (the statement a
   * session shows in {@code pg_stat_activity} is not reliably the one that waits, so only waiting
   * sessions are counted). A request that answered instead of waiting fails the test at once with
   * its answer; on timeout the failure lists every session.
   */
  @SafeVarargs
  private static void awaitWaiting(
      SqlConnection conn, long n, CompletableFuture<Response>... requests) {
    try {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  answered(requests) != null
                      || count(
                              conn,
                              "SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                  + " current_database() AND wait_event_type = 'Lock'"
                                  + " AND pid <> pg_backend_pid()")
                          >= n);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "fewer than " + n + " sessions waited on a lock; sessions: " + sessions(conn), e);
    }
    String answer = answered(requests);
    if (answer != null) {
      throw new AssertionError("a request answered instead of waiting: " + answer);
    }
  }

  /** The answer of the first request that already finished, or null while all still run. */
  private static String answered(CompletableFuture<Response>[] requests) {
    for (int i = 0; i < requests.length; i++) {
      if (requests[i].isDone()) {
        try {
          Response r = requests[i].join();
          return "request " + (i + 1) + ": " + r.statusCode() + " " + r.asString();
        } catch (RuntimeException e) {
          return "request " + (i + 1) + " failed: " + e;
        }
      }
    }
    return null;
  }

  private static long count(SqlConnection conn, String sql) {
    return conn.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
  }

  private static String sessions(SqlConnection conn) {
    StringBuilder out = new StringBuilder();
    conn.query(
            "SELECT pid, state, wait_event_type, wait_event, left(query, 160) AS q"
                + " FROM pg_stat_activity WHERE datname = current_database()")
        .execute()
        .await()
        .atMost(WAIT)
        .forEach(
            r ->
                out.append("\n  ")
                    .append(r.getInteger("pid"))
                    .append(' ')
                    .append(r.getString("state"))
                    .append(' ')
                    .append(r.getString("wait_event_type"))
                    .append('/')
                    .append(r.getString("wait_event"))
                    .append(": ")
                    .append(r.getString("q")));
    return out.toString();
  }
}
