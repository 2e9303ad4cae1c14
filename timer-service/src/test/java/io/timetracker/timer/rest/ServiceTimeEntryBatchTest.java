package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/service/users/{userId}/time-entries/by-ref/batch}: a page of entries in one
 * transaction, each item as the single upsert by reference, one outbox row per created or changed
 * entry and none for an unchanged one, a refused item not losing the others.
 */
@QuarkusTest
class ServiceTimeEntryBatchTest {
  private static final String GCAL = TestTokens.service("connector-gcal");
  private static final Instant END = Instant.parse("2026-11-30T10:00:00Z");

  @Inject TestDb db;

  @Test
  void aPageIsCreatedOnceReplayedUnchangedAndChangedItemsUpdated() {
    long user = Fixtures.userId(TestTokens.user("batch-replay"));
    long project = Fixtures.projectWithMembers(user);
    String run = run();
    List<Map<String, Object>> page =
        List.of(
            entry(project, run + "a", 0, "Standup"),
            entry(project, run + "b", 1, "Review"),
            entry(project, run + "c", 2, "Planning"));

    JsonPath first = batch(GCAL, user, page).then().statusCode(200).extract().jsonPath();
    assertThat(first.getList("items.outcome")).containsExactly("created", "created", "created");
    assertThat(first.getInt("created")).isEqualTo(3);
    assertThat(first.getList("items.index")).containsExactly(0, 1, 2);
    assertThat(first.getList("items.entry.externalRef"))
        .containsExactly(run + "a", run + "b", run + "c");
    assertThat(first.getList("items.entry.version")).containsExactly(0, 0, 0);
    assertThat(first.getList("items.entry.durationSeconds")).containsExactly(1800, 1800, 1800);
    assertThat(db.entriesOf(user)).isEqualTo(3);
    assertThat(outbox(run, "created")).isEqualTo(3);
    assertThat(
            db.string(
                "select source || '/' || service_client || '/' || billable from time_entries"
                    + " where external_ref = ?",
                run + "a"))
        .isEqualTo("gcal/connector-gcal/false");

    JsonPath replay = batch(GCAL, user, page).then().statusCode(200).extract().jsonPath();
    assertThat(replay.getList("items.outcome"))
        .containsExactly("unchanged", "unchanged", "unchanged");
    assertThat(replay.getInt("unchanged")).isEqualTo(3);
    assertThat(replay.getList("items.entry.id")).isEqualTo(first.getList("items.entry.id"));
    assertThat(replay.getList("items.entry.version")).containsExactly(0, 0, 0);
    assertThat(db.entriesOf(user)).isEqualTo(3);
    assertThat(outbox(run, "created")).isEqualTo(3);
    assertThat(outbox(run, "updated")).isZero();

    List<Map<String, Object>> moved =
        List.of(
            entry(project, run + "a", 0, "Standup"),
            entry(project, run + "b", 5, "Review"),
            entry(project, run + "c", 2, "Planning (renamed)"));
    JsonPath changed = batch(GCAL, user, moved).then().statusCode(200).extract().jsonPath();
    assertThat(changed.getList("items.outcome")).containsExactly("unchanged", "updated", "updated");
    assertThat(changed.getInt("updated")).isEqualTo(2);
    assertThat(changed.getList("items.entry.id")).isEqualTo(first.getList("items.entry.id"));
    assertThat(changed.getList("items.entry.version")).containsExactly(0, 1, 1);
    assertThat(changed.getString("items[2].entry.notes")).isEqualTo("Planning (renamed)");
    assertThat(db.entriesOf(user)).isEqualTo(3);
    assertThat(outbox(run, "updated")).isEqualTo(2);
    assertThat(
            db.string(
                "select payload->>'version' from outbox where ce_type like '%updated%'"
                    + " and payload->>'externalRef' = ?",
                run + "b"))
        .isEqualTo("1");
  }

  @Test
  void theSingleUpsertAndTheBatchAreIdempotentAcrossEachOther() {
    long user = Fixtures.userId(TestTokens.user("batch-single"));
    long project = Fixtures.projectWithMembers(user);
    String run = run();
    Map<String, Object> item = entry(project, run + "x", 0, "Call");
    long id =
        as(GCAL)
            .body(item)
            .put(base(user) + "/time-entries/by-ref")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    batch(GCAL, user, List.of(item))
        .then()
        .statusCode(200)
        .body("items[0].outcome", equalTo("unchanged"))
        .body("items[0].entry.id", equalTo((int) id))
        .body("items[0].problem", nullValue());
    assertThat(outbox(run, "created")).isEqualTo(1);
    assertThat(outbox(run, "updated")).isZero();
  }

  @Test
  void refusedItemsCarryTheSingleCallsProblemAndTheOthersAreWritten() {
    long user = Fixtures.userId(TestTokens.user("batch-mixed"));
    long project = Fixtures.projectWithMembers(user);
    long archived = Fixtures.projectWithMembers(user);
    Fixtures.setProjectStatus(archived, "archived");
    long notMine = Fixtures.projectWithMembers();
    String run = run();
    Map<String, Object> backwards = entry(project, run + "back", 0, "Backwards");
    backwards.put("end", END.minusSeconds(7200).toString());
    Map<String, Object> noSource = entry(project, run + "nosrc", 0, "No source");
    noSource.remove("source");
    List<Map<String, Object>> page =
        List.of(
            entry(project, run + "ok1", 0, "Fine"),
            entry(archived, run + "arch", 1, "Archived project"),
            entry(notMine, run + "other", 2, "Not a member"),
            backwards,
            noSource,
            entry(project, run + "ok1", 3, "Same ref again"),
            entry(project, run + "ok2", 4, "Fine too"));

    JsonPath r = batch(GCAL, user, page).then().statusCode(200).extract().jsonPath();
    assertThat(r.getList("items.outcome"))
        .containsExactly(
            "created", "refused", "refused", "refused", "refused", "refused", "created");
    // problem only on refused items, in request order
    assertThat(r.getList("items.findAll { it.problem != null }.index"))
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(r.getList("items.findAll { it.problem != null }.problem.code"))
        .containsExactly(
            "project_archived",
            "project_access_denied",
            "validation_failed",
            "validation_failed",
            "duplicate_external_ref");
    assertThat(r.getList("items.findAll { it.problem != null }.problem.status"))
        .containsExactly(409, 403, 400, 400, 422);
    assertThat(r.getList("items.findAll { it.entry != null }.index")).containsExactly(0, 6);
    assertThat(r.getString("items[3].problem.errors[0].field")).isEqualTo("end");
    assertThat(r.getString("items[4].problem.errors[0].field")).isEqualTo("source");
    assertThat(r.getInt("created")).isEqualTo(2);
    assertThat(r.getInt("refused")).isEqualTo(5);
    assertThat(r.getString("items[1].entry")).isNull();
    assertThat(db.entriesOf(user)).isEqualTo(2);
    assertThat(db.entriesWithRef(user, run + "ok1")).isEqualTo(1);
    assertThat(db.string("select notes from time_entries where external_ref = ?", run + "ok1"))
        .isEqualTo("Fine");
    assertThat(outbox(run, "created")).isEqualTo(2);
  }

  @Test
  void aPageOverTheLimitOrEmptyIsRefusedWhole() {
    long user = Fixtures.userId(TestTokens.user("batch-limit"));
    long project = Fixtures.projectWithMembers(user);
    String run = run();
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(entry(project, run + i, 0, "Item " + i));
    }

    assertProblem(batch(GCAL, user, tooMany).then(), 400, "validation_failed")
        .body("errors[0].field", equalTo("items"));
    assertProblem(batch(GCAL, user, List.of()).then(), 400, "validation_failed");
    assertProblem(
        as(GCAL).body(Map.of()).post(base(user) + "/time-entries/by-ref/batch").then(),
        400,
        "validation_failed");
    assertThat(db.entriesOf(user)).isZero();

    batch(GCAL, user, tooMany.subList(0, 100)).then().statusCode(200).body("created", equalTo(100));
    assertThat(db.entriesOf(user)).isEqualTo(100);
    assertThat(outbox(run, "created")).isEqualTo(100);
  }

  @Test
  void theSingleCallsAuthorizationAppliesToTheWholePage() {
    long user = Fixtures.userId(TestTokens.user("batch-auth"));
    long project = Fixtures.projectWithMembers(user);
    String run = run();
    List<Map<String, Object>> page = List.of(entry(project, run + "1", 0, "One"));

    assertProblem(
        batch(TestTokens.service("connector-github"), user, page).then(),
        403,
        "capability_missing");
    assertProblem(batch(GCAL, 987654321L, page).then(), 404, "user_not_found");
    Map<String, Object> foreignRef = entry(project, "github:octo/repo#9", 1, "Not ours");
    assertProblem(
        batch(GCAL, user, List.of(page.get(0), foreignRef)).then(), 403, "external_ref_not_owned");
    Map<String, Object> foreignSource = entry(project, run + "2", 1, "Other source");
    foreignSource.put("source", "github");
    assertProblem(
        batch(GCAL, user, List.of(page.get(0), foreignSource)).then(), 403, "source_not_allowed");
    given()
        .auth()
        .oauth2(TestTokens.user("batch-auth"))
        .contentType(ContentType.JSON)
        .body(Map.of("items", page))
        .post(base(user) + "/time-entries/by-ref/batch")
        .then()
        .statusCode(403);
    assertThat(db.entriesOf(user)).isZero();
    assertThat(outbox(run, "created")).isZero();

    long inactive = Fixtures.userId(TestTokens.user("batch-auth-inactive"));
    Fixtures.deactivate(inactive);
    assertProblem(batch(GCAL, inactive, page).then(), 403, "user_inactive");
  }

  private long outbox(String refPrefix, String kind) {
    return Long.parseLong(
        db.string(
            "select count(*) from outbox where ce_type = ? and payload->>'externalRef' like ?",
            "timetracker.time-entry." + kind + ".v1",
            refPrefix + "%"));
  }

  private static io.restassured.response.Response batch(
      String token, long user, List<Map<String, Object>> items) {
    return as(token).body(Map.of("items", items)).post(base(user) + "/time-entries/by-ref/batch");
  }

  private static String run() {
    return "gcal:batch-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  private static String base(long user) {
    return "/api/v1/service/users/" + user;
  }

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }

  /** A 30-minute entry ending {@code hoursBack} hours before {@link #END}. */
  private static Map<String, Object> entry(long project, String ref, int hoursBack, String notes) {
    Instant end = END.minus(hoursBack, ChronoUnit.HOURS);
    Map<String, Object> body = new HashMap<>();
    body.put("externalRef", ref);
    body.put("source", "gcal");
    body.put("projectId", project);
    body.put("start", end.minusSeconds(1800).toString());
    body.put("end", end.toString());
    body.put("notes", notes);
    body.put("billable", false);
    return body;
  }
}
