package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user sees and changes only their own entries and timer; admin endpoints stay admin-only. */
@QuarkusTest
class TenancyTest {
  @Inject TestDb db;

  @Test
  void otherUserCannotReadAnEntry() {
    Pair pair = pair("read");
    long entry = entryOf(pair.a, pair.project, "private notes");

    assertProblem(
        given().auth().oauth2(pair.b).get("/api/v1/time-entries/" + entry).then(),
        404,
        "time_entry_not_found");
  }

  @Test
  void otherUserCannotChangeAnEntry() {
    Pair pair = pair("patch");
    long entry = entryOf(pair.a, pair.project, "original");

    assertProblem(
        given()
            .auth()
            .oauth2(pair.b)
            .contentType(ContentType.JSON)
            .body(Map.of("notes", "hijacked"))
            .patch("/api/v1/time-entries/" + entry)
            .then(),
        404,
        "time_entry_not_found");

    given()
        .auth()
        .oauth2(pair.a)
        .get("/api/v1/time-entries/" + entry)
        .then()
        .statusCode(200)
        .body("notes", equalTo("original"))
        .body("version", equalTo(0));
  }

  @Test
  void otherUserCannotDeleteAnEntry() {
    Pair pair = pair("delete");
    long entry = entryOf(pair.a, pair.project, "keep me");

    assertProblem(
        given().auth().oauth2(pair.b).delete("/api/v1/time-entries/" + entry).then(),
        404,
        "time_entry_not_found");

    given().auth().oauth2(pair.a).get("/api/v1/time-entries/" + entry).then().statusCode(200);
    assertThat(db.entriesOf(Fixtures.userId(pair.a))).isEqualTo(1);
  }

  @Test
  void otherUsersEntriesAreNotListed() {
    Pair pair = pair("list");
    long entry = entryOf(pair.a, pair.project, "mine");
    long own = entryOf(pair.b, pair.project, "theirs");

    given()
        .auth()
        .oauth2(pair.b)
        .get("/api/v1/time-entries")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items.id", hasItem((int) own))
        .body("items.id", not(hasItem((int) entry)));
  }

  @Test
  void otherUsersStopDoesNotStopMyTimer() {
    Pair pair = pair("stop");
    given()
        .auth()
        .oauth2(pair.a)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", pair.project))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(201);

    assertProblem(
        given().auth().oauth2(pair.b).post("/api/v1/timer/stop").then(), 404, "no_active_timer");

    given().auth().oauth2(pair.a).get("/api/v1/timer").then().body("running", equalTo(true));
    assertThat(db.runningEntriesOf(Fixtures.userId(pair.a))).isEqualTo(1);
  }

  @Test
  void nonMemberCannotStartOnAProject() {
    String outsider = TestTokens.user("tenancy-outsider");
    long outsiderId = Fixtures.userId(outsider);
    long project = Fixtures.projectWithMembers(Fixtures.userId(TestTokens.user("tenancy-owner")));

    assertProblem(
        given()
            .auth()
            .oauth2(outsider)
            .contentType(ContentType.JSON)
            .body(Map.of("projectId", project))
            .post("/api/v1/timer/start")
            .then(),
        403,
        "project_access_denied");
    assertThat(db.entriesOf(outsiderId)).isZero();
  }

  @Test
  void plainUserCannotCreateClients() {
    long before = db.rows("clients");

    assertProblem(
        given()
            .auth()
            .oauth2(TestTokens.user("tenancy-plain-clients"))
            .contentType(ContentType.JSON)
            .body(Map.of("name", "Sneaky client"))
            .post("/api/v1/clients")
            .then(),
        403,
        "admin_required");
    assertThat(db.rows("clients")).isEqualTo(before);
  }

  @Test
  void plainUserCannotCreateProjects() {
    long project = Fixtures.projectWithMembers();
    long client =
        given()
            .auth()
            .oauth2(TestTokens.admin("tenancy-admin"))
            .get("/api/v1/projects/" + project)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("clientId");
    long before = db.rows("projects");

    assertProblem(
        given()
            .auth()
            .oauth2(TestTokens.user("tenancy-plain-projects"))
            .contentType(ContentType.JSON)
            .body(Map.of("clientId", client, "name", "Sneaky project"))
            .post("/api/v1/projects")
            .then(),
        403,
        "admin_required");
    assertThat(db.rows("projects")).isEqualTo(before);
  }

  @Test
  void plainUserCannotChangeUsers() {
    String plain = TestTokens.user("tenancy-plain-users");
    long victim = Fixtures.userId(TestTokens.user("tenancy-victim"));

    assertProblem(
        given()
            .auth()
            .oauth2(plain)
            .contentType(ContentType.JSON)
            .body(Map.of("githubUsername", "stolen-login"))
            .patch("/api/v1/users/" + victim)
            .then(),
        403,
        "admin_required");
    given()
        .auth()
        .oauth2(TestTokens.admin("tenancy-admin"))
        .get("/api/v1/users")
        .then()
        .statusCode(200)
        .body("find { it.id == " + victim + " }.githubUsername", equalTo(null));
  }

  private record Pair(String a, String b, long project) {}

  /** Two users sharing one project, so only ownership separates their entries. */
  private static Pair pair(String scenario) {
    String a = TestTokens.user("tenancy-a-" + scenario);
    String b = TestTokens.user("tenancy-b-" + scenario);
    long project = Fixtures.projectWithMembers(Fixtures.userId(a), Fixtures.userId(b));
    return new Pair(a, b, project);
  }

  private static long entryOf(String token, long project, String notes) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "projectId",
                project,
                "start",
                end.minusSeconds(3600).toString(),
                "end",
                end.toString(),
                "notes",
                notes))
        .post("/api/v1/time-entries")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }
}
