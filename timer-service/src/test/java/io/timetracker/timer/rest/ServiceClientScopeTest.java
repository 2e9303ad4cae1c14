package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Service clients are scoped: a capability per operation, their own source and reference namespace,
 * their own identity provider, never acting for a deactivated user, recorded on what they write;
 * and only tokens issued for timer-service are accepted.
 */
@QuarkusTest
class ServiceClientScopeTest {
  private static final String GITHUB = TestTokens.service("connector-github");
  private static final String SLACK = TestTokens.service("connector-slack");
  private static final String GCAL = TestTokens.service("connector-gcal");

  @Inject TestDb db;

  @Test
  void anOperationOutsideTheClientsCapabilitiesIsRefused() {
    long user = Fixtures.userId(TestTokens.user("scope-capability"));
    long project = Fixtures.projectWithMembers(user);

    assertProblem(as(GITHUB).get(base(user) + "/summary/today").then(), 403, "capability_missing");
    assertProblem(
        as(GITHUB)
            .body(entry(project, "github:octo/repo#1", "github"))
            .put(base(user) + "/time-entries/by-ref")
            .then(),
        403,
        "capability_missing");
    assertProblem(
        as(TestTokens.service("integration-gateway", List.of())).get(base(user) + "/timer").then(),
        403,
        "capability_missing");
    assertThat(db.entriesOf(user)).isZero();
  }

  @Test
  void aSourceOfAnotherClientIsRefused() {
    long user = Fixtures.userId(TestTokens.user("scope-source"));
    long project = Fixtures.projectWithMembers(user);

    assertProblem(
        as(GITHUB).body(start(project, "slack", null)).post(base(user) + "/timer/start").then(),
        403,
        "source_not_allowed");
    assertProblem(
        as(GITHUB)
            .body(task(project, "gcal:evt-1", "gcal"))
            .put(base(user) + "/tasks/by-ref")
            .then(),
        403,
        "source_not_allowed");
    assertProblem(
        as(TestTokens.service("unbound-client", TestTokens.ALL_CAPABILITIES))
            .body(start(project, "import", null))
            .post(base(user) + "/timer/start")
            .then(),
        403,
        "source_not_allowed");
    assertThat(db.entriesOf(user)).isZero();
  }

  @Test
  void refsOutsideTheClientsNamespaceAreRefusedAndAnotherConnectorsEntryIsUntouched() {
    long user = Fixtures.userId(TestTokens.user("scope-namespace"));
    long project = Fixtures.projectWithMembers(user);
    as(GCAL)
        .body(entry(project, "gcal:evt-owned", "gcal"))
        .put(base(user) + "/time-entries/by-ref")
        .then()
        .statusCode(201);
    String githubWithEntries = TestTokens.service("connector-github", TestTokens.ALL_CAPABILITIES);

    assertProblem(
        as(GITHUB)
            .body(start(project, "github", "slack:T1/C1/123"))
            .post(base(user) + "/timer/start")
            .then(),
        403,
        "external_ref_not_owned");
    assertProblem(
        as(githubWithEntries)
            .body(entry(project, "gcal:evt-owned", "github"))
            .put(base(user) + "/time-entries/by-ref")
            .then(),
        403,
        "external_ref_not_owned");
    assertProblem(
        as(githubWithEntries)
            .queryParam("externalRef", "gcal:evt-owned")
            .delete(base(user) + "/time-entries/by-ref")
            .then(),
        403,
        "external_ref_not_owned");
    assertThat(db.entriesWithRef(user, "gcal:evt-owned")).isEqualTo(1);
    assertThat(
            db.string(
                "select source || '/' || service_client from time_entries where external_ref = ?",
                "gcal:evt-owned"))
        .isEqualTo("gcal/connector-gcal");
  }

  @Test
  void aDeactivatedUserIsNotActedFor() {
    long user = Fixtures.userId(TestTokens.user("scope-inactive"));
    long project = Fixtures.projectWithMembers(user);
    Fixtures.deactivate(user);

    assertProblem(
        as(GITHUB).body(start(project, "github", null)).post(base(user) + "/timer/start").then(),
        403,
        "user_inactive");
    assertProblem(as(SLACK).get(base(user) + "/timer").then(), 403, "user_inactive");
    assertProblem(
        as(SLACK)
            .body(Map.of("provider", "slack", "externalId", "T9:U-inactive"))
            .put(base(user) + "/identities")
            .then(),
        403,
        "user_inactive");
    assertThat(db.entriesOf(user)).isZero();
    assertThat(db.identities("slack", "T9:U-inactive")).isZero();
  }

  @Test
  void identitiesOfAnotherProviderAreRefused() {
    long user = Fixtures.userId(TestTokens.user("scope-provider"));

    assertProblem(
        as(SLACK)
            .body(Map.of("provider", "github", "externalId", "octo-scope"))
            .put(base(user) + "/identities")
            .then(),
        403,
        "identity_provider_not_allowed");
    assertProblem(
        as(GCAL)
            .queryParam("provider", "slack")
            .queryParam("externalId", "T1:U1")
            .get("/api/v1/service/users/by-identity")
            .then(),
        403,
        "identity_provider_not_allowed");
    assertProblem(
        as(GITHUB)
            .body(Map.of("provider", "github", "externalId", "octo-scope"))
            .put(base(user) + "/identities")
            .then(),
        403,
        "capability_missing");
    as(GCAL)
        .body(Map.of("provider", "google", "externalId", "1049-scope"))
        .put(base(user) + "/identities")
        .then()
        .statusCode(201);
    assertThat(db.identities("github", "octo-scope")).isZero();
  }

  @Test
  void theCallingClientIsRecordedOnWhatItWrites() {
    String person = TestTokens.user("scope-recorded");
    long user = Fixtures.userId(person);
    long project = Fixtures.projectWithMembers(user);

    long started =
        as(GITHUB)
            .body(start(project, "github", "github:octo/repo#7@d1"))
            .post(base(user) + "/timer/start")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(clientOf("time_entries", started)).isEqualTo("connector-github");
    as(SLACK).post(base(user) + "/timer/stop").then().statusCode(200);
    assertThat(clientOf("time_entries", started)).isEqualTo("connector-slack");

    long task =
        as(GITHUB)
            .body(task(project, "github:octo/repo#7", "github"))
            .put(base(user) + "/tasks/by-ref")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(clientOf("tasks", task)).isEqualTo("connector-github");

    as(SLACK)
        .body(Map.of("provider", "slack", "externalId", "T1:U-recorded"))
        .put(base(user) + "/identities")
        .then()
        .statusCode(201);
    assertThat(
            db.string(
                "select linked_by from user_identities where external_id = ?", "T1:U-recorded"))
        .isEqualTo("connector-slack");

    long own =
        given()
            .auth()
            .oauth2(person)
            .contentType(ContentType.JSON)
            .body(Map.of("projectId", project))
            .post("/api/v1/timer/start")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(clientOf("time_entries", own)).isNull();
  }

  @Test
  void aTokenIssuedForAnotherAudienceIsUnauthorized() {
    String forConnector =
        TestTokens.forAudience("scope-audience", Set.of("user"), "connector-github");
    String serviceForGateway =
        TestTokens.forAudience(
            "service-account-scope", Set.of("service", "timers"), "integration-gateway");

    assertProblem(
        given().auth().oauth2(forConnector).get("/api/v1/me").then(), 401, "unauthorized");
    assertProblem(
        given().auth().oauth2(serviceForGateway).get(base(1) + "/timer").then(),
        401,
        "unauthorized");
    assertThat(db.usersWithSubject("sub-scope-audience")).isZero();
    given()
        .auth()
        .oauth2(TestTokens.forAudience("scope-audience-ok", Set.of("user"), "timer-service"))
        .get("/api/v1/me")
        .then()
        .statusCode(200);
  }

  private String clientOf(String table, long id) {
    return db.string("select service_client from " + table + " where id = ?", id);
  }

  private static String base(long user) {
    return "/api/v1/service/users/" + user;
  }

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }

  private static Map<String, Object> start(long project, String source, String ref) {
    Map<String, Object> body = new HashMap<>();
    body.put("projectId", project);
    body.put("source", source);
    if (ref != null) {
      body.put("externalRef", ref);
    }
    return body;
  }

  private static Map<String, Object> task(long project, String ref, String source) {
    return Map.of("projectId", project, "externalRef", ref, "externalSource", source, "name", "T");
  }

  private static Map<String, Object> entry(long project, String ref, String source) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return Map.of(
        "externalRef",
        ref,
        "source",
        source,
        "projectId",
        project,
        "start",
        end.minusSeconds(900).toString(),
        "end",
        end.toString());
  }
}
