package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The connectors' API: role {@code service} only, acting for a user within that user's rights. */
@QuarkusTest
class ServiceApiTest {
  private static final String CONNECTOR = TestTokens.service("connector-github");
  private static final String CALENDAR = TestTokens.service("connector-gcal");
  private static final String ADMIN = TestTokens.admin("service-api-admin");

  private static final AtomicInteger REFS = new AtomicInteger();

  @Inject TestDb db;

  @Test
  void serviceTokenStartsATimerForAUser() {
    long user = Fixtures.userId(TestTokens.user("svc-start"));
    long project = Fixtures.projectWithMembers(user);

    service()
        .body(startBody(project, null))
        .post("/api/v1/service/users/" + user + "/timer/start")
        .then()
        .statusCode(201)
        .body("userId", equalTo((int) user))
        .body("projectId", equalTo((int) project))
        .body("source", equalTo("github"))
        .body("externalRef", startsWith("github:octo/repo#"))
        .body("running", equalTo(true));
    assertThat(db.runningEntriesOf(user)).isEqualTo(1);
  }

  @Test
  void serviceTokenReadsAndStopsAUsersTimer() {
    long user = Fixtures.userId(TestTokens.user("svc-stop"));
    long project = Fixtures.projectWithMembers(user);
    service()
        .body(startBody(project, null))
        .post("/api/v1/service/users/" + user + "/timer/start")
        .then()
        .statusCode(201);

    service()
        .get("/api/v1/service/users/" + user + "/timer")
        .then()
        .statusCode(200)
        .body("running", equalTo(true))
        .body("entry.projectId", equalTo((int) project));
    service()
        .post("/api/v1/service/users/" + user + "/timer/stop")
        .then()
        .statusCode(200)
        .body("running", equalTo(false))
        .body("end", notNullValue());
    service()
        .get("/api/v1/service/users/" + user + "/timer")
        .then()
        .statusCode(200)
        .body("running", equalTo(false));
    assertThat(db.runningEntriesOf(user)).isZero();
  }

  @Test
  void switchStopsTheRunningTimerAndStartsTheNewOne() {
    long user = Fixtures.userId(TestTokens.user("svc-switch"));
    long first = Fixtures.projectWithMembers(user);
    long second = Fixtures.projectWithMembers(user);
    long old =
        service()
            .body(startBody(first, null))
            .post("/api/v1/service/users/" + user + "/timer/start")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    long started =
        service()
            .body(startBody(second, "switch"))
            .post("/api/v1/service/users/" + user + "/timer/start")
            .then()
            .statusCode(201)
            .body("projectId", equalTo((int) second))
            .body("running", equalTo(true))
            .extract()
            .jsonPath()
            .getLong("id");

    assertThat(started).isNotEqualTo(old);
    given()
        .auth()
        .oauth2(TestTokens.user("svc-switch"))
        .get("/api/v1/time-entries/" + old)
        .then()
        .statusCode(200)
        .body("running", equalTo(false))
        .body("end", notNullValue());
    assertThat(db.runningEntriesOf(user)).isEqualTo(1);
    assertThat(db.entriesOf(user)).isEqualTo(2);
  }

  @Test
  void skipWhenRunningRefusesWithTimerAlreadyRunning() {
    long user = Fixtures.userId(TestTokens.user("svc-skip"));
    long project = Fixtures.projectWithMembers(user);
    service()
        .body(startBody(project, null))
        .post("/api/v1/service/users/" + user + "/timer/start")
        .then()
        .statusCode(201);

    assertProblem(
        service()
            .body(startBody(project, "skip"))
            .post("/api/v1/service/users/" + user + "/timer/start")
            .then(),
        409,
        "timer_already_running");
    assertThat(db.entriesOf(user)).isEqualTo(1);
  }

  @Test
  void repeatedStartForTheRunningRefReturnsTheRunningTimer() {
    long user = Fixtures.userId(TestTokens.user("svc-retry"));
    long project = Fixtures.projectWithMembers(user);
    Map<String, Object> body = startBody(project, "switch");
    long first =
        service()
            .body(body)
            .post("/api/v1/service/users/" + user + "/timer/start")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    service()
        .body(body)
        .post("/api/v1/service/users/" + user + "/timer/start")
        .then()
        .statusCode(201)
        .body("id", equalTo((int) first))
        .body("running", equalTo(true));
    assertThat(db.entriesOf(user)).isEqualTo(1);
  }

  @Test
  void startWithTheRefOfAFinishedEntryIsRefused() {
    long user = Fixtures.userId(TestTokens.user("svc-ref-taken"));
    long project = Fixtures.projectWithMembers(user);
    Map<String, Object> body = startBody(project, null);
    service()
        .body(body)
        .post("/api/v1/service/users/" + user + "/timer/start")
        .then()
        .statusCode(201);
    service().post("/api/v1/service/users/" + user + "/timer/stop").then().statusCode(200);

    assertProblem(
        service().body(body).post("/api/v1/service/users/" + user + "/timer/start").then(),
        409,
        "external_ref_in_use");
    assertThat(db.entriesOf(user)).isEqualTo(1);
  }

  @Test
  void connectorCannotActOnAProjectTheUserIsNotAMemberOf() {
    long user = Fixtures.userId(TestTokens.user("svc-outsider"));
    long foreign = Fixtures.projectWithMembers();

    assertProblem(
        service()
            .body(startBody(foreign, null))
            .post("/api/v1/service/users/" + user + "/timer/start")
            .then(),
        403,
        "project_access_denied");
    assertThat(db.entriesOf(user)).isZero();
  }

  @Test
  void upsertTaskByRefCreatesThenUpdatesTheSameTask() {
    long user = Fixtures.userId(TestTokens.user("svc-task"));
    long project = Fixtures.projectWithMembers(user);
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "projectId", project,
                "externalRef", "github:octo/repo#42",
                "externalSource", "github",
                "name", "Fix the login"));

    long created =
        service()
            .body(body)
            .put("/api/v1/service/users/" + user + "/tasks/by-ref")
            .then()
            .statusCode(201)
            .body("name", equalTo("Fix the login"))
            .body("status", equalTo("todo"))
            .extract()
            .jsonPath()
            .getLong("id");
    body.put("name", "Fix the login page");
    long updated =
        service()
            .body(body)
            .put("/api/v1/service/users/" + user + "/tasks/by-ref")
            .then()
            .statusCode(200)
            .body("name", equalTo("Fix the login page"))
            .extract()
            .jsonPath()
            .getLong("id");

    assertThat(updated).isEqualTo(created);
  }

  @Test
  void upsertTimeEntryByRefTwiceKeepsOneEntry() {
    long user = Fixtures.userId(TestTokens.user("svc-entry"));
    long project = Fixtures.projectWithMembers(user);

    long first =
        calendar()
            .body(entryBody(project, "gcal:evt-1", "Standup"))
            .put("/api/v1/service/users/" + user + "/time-entries/by-ref")
            .then()
            .statusCode(201)
            .body("source", equalTo("gcal"))
            .extract()
            .jsonPath()
            .getLong("id");
    long second =
        calendar()
            .body(entryBody(project, "gcal:evt-1", "Standup, moved"))
            .put("/api/v1/service/users/" + user + "/time-entries/by-ref")
            .then()
            .statusCode(200)
            .body("notes", equalTo("Standup, moved"))
            .extract()
            .jsonPath()
            .getLong("id");

    assertThat(second).isEqualTo(first);
    assertThat(db.entriesWithRef(user, "gcal:evt-1")).isEqualTo(1);
    assertThat(db.entriesOf(user)).isEqualTo(1);
  }

  @Test
  void deleteTimeEntryByRefRemovesIt() {
    long user = Fixtures.userId(TestTokens.user("svc-delete"));
    long project = Fixtures.projectWithMembers(user);
    calendar()
        .body(entryBody(project, "gcal:evt-del", "Gone soon"))
        .put("/api/v1/service/users/" + user + "/time-entries/by-ref")
        .then()
        .statusCode(201);

    calendar()
        .queryParam("externalRef", "gcal:evt-del")
        .delete("/api/v1/service/users/" + user + "/time-entries/by-ref")
        .then()
        .statusCode(204);

    assertThat(db.entriesWithRef(user, "gcal:evt-del")).isZero();
    assertProblem(
        calendar()
            .queryParam("externalRef", "gcal:evt-del")
            .delete("/api/v1/service/users/" + user + "/time-entries/by-ref")
            .then(),
        404,
        "time_entry_not_found");
  }

  @Test
  void completedSinceListsFinishedEntriesOnly() {
    String token = TestTokens.user("svc-completed");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    Instant since = Instant.now().minusSeconds(60);
    long finished =
        calendar()
            .body(entryBody(project, "gcal:evt-done", "Done"))
            .put("/api/v1/service/users/" + user + "/time-entries/by-ref")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long running =
        service()
            .body(startBody(project, null))
            .post("/api/v1/service/users/" + user + "/timer/start")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    calendar()
        .queryParam("since", since.toString())
        .get("/api/v1/service/users/" + user + "/time-entries/completed")
        .then()
        .statusCode(200)
        .body("id", contains((int) finished))
        .body("id", not(hasItem((int) running)));
    calendar()
        .queryParam("since", Instant.now().plusSeconds(3600).toString())
        .get("/api/v1/service/users/" + user + "/time-entries/completed")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
  }

  @Test
  void findsAUserByGithubLoginOnceAnAdminLinksIt() {
    long user = Fixtures.userId(TestTokens.user("svc-github"));
    assertProblem(
        service().get("/api/v1/service/users/by-github/Octo-Svc").then(), 404, "user_not_found");

    given()
        .auth()
        .oauth2(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("githubUsername", "Octo-Svc"))
        .patch("/api/v1/users/" + user)
        .then()
        .statusCode(200)
        .body("githubUsername", equalTo("Octo-Svc"));

    service()
        .get("/api/v1/service/users/by-github/octo-svc")
        .then()
        .statusCode(200)
        .body("id", equalTo((int) user));
  }

  @Test
  void allowedProjectsAreTheUsersActiveProjectsMatchingTheSearch() {
    long user = Fixtures.userId(TestTokens.user("svc-projects"));
    long mine = Fixtures.projectWithMembers(user);
    long other = Fixtures.projectWithMembers(user);
    long archived = Fixtures.projectWithMembers(user);
    Fixtures.setProjectStatus(archived, "archived");
    long foreign = Fixtures.projectWithMembers();
    String name =
        given()
            .auth()
            .oauth2(ADMIN)
            .get("/api/v1/projects/" + mine)
            .then()
            .extract()
            .jsonPath()
            .getString("name");

    service()
        .get("/api/v1/service/users/" + user + "/projects")
        .then()
        .statusCode(200)
        .body("id", hasItem((int) mine))
        .body("id", hasItem((int) other))
        .body("id", not(hasItem((int) archived)))
        .body("id", not(hasItem((int) foreign)));
    service()
        .queryParam("search", name.substring("Project ".length()).toUpperCase())
        .get("/api/v1/service/users/" + user + "/projects")
        .then()
        .statusCode(200)
        .body("id", contains((int) mine));
  }

  @Test
  void unknownUserIsNotFound() {
    assertProblem(
        service().get("/api/v1/service/users/987654321/timer").then(), 404, "user_not_found");
  }

  @Test
  void userTokenIsForbiddenOnEveryServiceEndpoint() {
    String user = TestTokens.user("svc-intruder");
    long id = Fixtures.userId(user);
    String base = "/api/v1/service/users/" + id;
    List<Map.Entry<Method, String>> endpoints =
        List.of(
            Map.entry(Method.GET, base + "/timer"),
            Map.entry(Method.POST, base + "/timer/start"),
            Map.entry(Method.POST, base + "/timer/stop"),
            Map.entry(Method.GET, base + "/summary/today"),
            Map.entry(Method.GET, base + "/projects"),
            Map.entry(Method.PUT, base + "/tasks/by-ref"),
            Map.entry(Method.PUT, base + "/time-entries/by-ref"),
            Map.entry(Method.DELETE, base + "/time-entries/by-ref?externalRef=x"),
            Map.entry(Method.GET, base + "/time-entries/completed?since=2024-01-01T00:00:00Z"),
            Map.entry(Method.GET, "/api/v1/service/users/by-github/someone"));

    for (Map.Entry<Method, String> endpoint : endpoints) {
      assertProblem(
          given()
              .auth()
              .oauth2(user)
              .contentType(ContentType.JSON)
              .body("{}")
              .request(endpoint.getKey(), endpoint.getValue())
              .then(),
          403,
          "forbidden");
    }
    assertThat(db.entriesOf(id)).isZero();
  }

  @Test
  void serviceTokenIsForbiddenOnTheUsersTimer() {
    long before = db.rows("time_entries");

    assertProblem(
        service().body(Map.of("projectId", 1)).post("/api/v1/timer/start").then(),
        403,
        "forbidden");
    assertThat(db.rows("time_entries")).isEqualTo(before);
  }

  @Test
  void missingTokenIsUnauthorized() {
    assertProblem(
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("projectId", 1))
            .post("/api/v1/timer/start")
            .then(),
        401,
        "unauthorized");
    assertProblem(given().get("/api/v1/service/users/1/timer").then(), 401, "unauthorized");
  }

  @Test
  void invalidTokenIsUnauthorized() {
    assertProblem(
        given().auth().oauth2("not-a-jwt").get("/api/v1/timer").then(), 401, "unauthorized");
  }

  private static RequestSpecification service() {
    return given().auth().oauth2(CONNECTOR).contentType(ContentType.JSON);
  }

  private static RequestSpecification calendar() {
    return given().auth().oauth2(CALENDAR).contentType(ContentType.JSON);
  }

  private static Map<String, Object> startBody(long project, String whenRunning) {
    Map<String, Object> body = new HashMap<>();
    body.put("projectId", project);
    body.put("source", "github");
    body.put("externalRef", "github:octo/repo#" + REFS.incrementAndGet());
    body.put("notes", "Assigned on GitHub");
    if (whenRunning != null) {
      body.put("whenRunning", whenRunning);
    }
    return body;
  }

  private static Map<String, Object> entryBody(long project, String ref, String notes) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return Map.of(
        "externalRef",
        ref,
        "source",
        "gcal",
        "projectId",
        project,
        "start",
        end.minusSeconds(1800).toString(),
        "end",
        end.toString(),
        "notes",
        notes);
  }
}
