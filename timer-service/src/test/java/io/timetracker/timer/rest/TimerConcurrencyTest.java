package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many requests of one user at the same moment: the database decides, nobody gets a 5xx. */
@QuarkusTest
class TimerConcurrencyTest {
  private static final int REQUESTS = 100;

  @TestHTTPResource("/api/v1/timer/start")
  URI start;

  @TestHTTPResource("/api/v1/time-entries")
  URI entries;

  @TestHTTPResource("/api/v1/me")
  URI me;

  @Inject TestDb db;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void concurrentStartsForOneUserLeaveExactlyOneRunningTimer() {
    String token = TestTokens.user("race-starter");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);

    List<HttpResponse<String>> answers =
        all(
            () ->
                HttpRequest.newBuilder(start)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"projectId\":" + project + "}"))
                    .build());

    assertThat(byStatus(answers)).containsOnly(Map.entry(201, 1L), Map.entry(409, 99L));
    assertThat(answers)
        .filteredOn(r -> r.statusCode() == 409)
        .allSatisfy(
            r -> {
              assertThat(r.headers().firstValue("Content-Type"))
                  .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
              assertThat(JsonPath.from(r.body()).getString("code"))
                  .isEqualTo("timer_already_running");
            });
    assertThat(db.runningEntriesOf(user)).isEqualTo(1);
    assertThat(db.entriesOf(user)).isEqualTo(1);
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/time-entries")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].running", equalTo(true));
  }

  @Test
  void concurrentFirstSignInsOfANewUserCreateOneUser() {
    String name = "first-sign-in-" + System.nanoTime();
    String token = TestTokens.user(name);
    assertThat(db.usersWithSubject("sub-" + name)).isZero();

    List<HttpResponse<String>> answers =
        all(() -> HttpRequest.newBuilder(me).header("Authorization", "Bearer " + token).build());

    assertThat(byStatus(answers)).containsOnly(Map.entry(200, (long) REQUESTS));
    assertThat(answers.stream().map(r -> JsonPath.from(r.body()).getLong("id")).distinct())
        .hasSize(1);
    assertThat(db.usersWithSubject("sub-" + name)).isEqualTo(1);
  }

  @Test
  void concurrentRetriesWithOneIdempotencyKeyCreateOneEntry() {
    String token = TestTokens.user("race-idempotent");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    String body =
        """
        {"projectId": %d, "start": "2024-03-01T09:00:00Z", "end": "2024-03-01T10:00:00Z"}
        """
            .formatted(project);

    List<HttpResponse<String>> answers =
        all(
            () ->
                HttpRequest.newBuilder(entries)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "retry-storm")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());

    assertThat(db.entriesOf(user)).isEqualTo(1);
    assertThat(answers)
        .allSatisfy(
            r -> {
              JsonPath json = JsonPath.from(r.body());
              if (r.statusCode() == 201) {
                assertThat(json.getLong("projectId")).isEqualTo(project);
              } else {
                assertThat(r.statusCode()).isEqualTo(409);
                assertThat(json.getString("code")).isEqualTo("idempotency_key_in_use");
              }
            });
    assertThat(
            answers.stream()
                .filter(r -> r.statusCode() == 201)
                .map(r -> JsonPath.from(r.body()).getLong("id"))
                .distinct())
        .hasSize(1);
  }

  /** Sends {@link #REQUESTS} requests at once and waits for every answer. */
  private List<HttpResponse<String>> all(Supplier<HttpRequest> request) {
    List<CompletableFuture<HttpResponse<String>>> sent =
        IntStream.range(0, REQUESTS)
            .mapToObj(i -> http.sendAsync(request.get(), HttpResponse.BodyHandlers.ofString()))
            .toList();
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    return sent.stream().map(CompletableFuture::join).toList();
  }

  private static Map<Integer, Long> byStatus(List<HttpResponse<String>> answers) {
    return answers.stream()
        .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
  }
}
