package io.timetracker.connector.github.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.connector.github.GithubTestResources;
import io.timetracker.connector.github.Secrets;
import io.timetracker.connector.github.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The connections API: secret shown once, write-only secrets, project checks, ownership. */
@QuarkusTest
class ConnectionApiTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final String BASE = "/api/integrations/github/connections";

  @jakarta.inject.Inject io.timetracker.connector.github.repository.ConnectionRepository repository;

  @Test
  void createAnswersTheSecretOnceWithTheExactWebhookUrl() {
    Response created = create("alice", repo(), Map.of("defaultProjectId", 100));

    created.then().statusCode(201).body("ok", equalTo(true));
    String id = created.path("connection.id");
    String secret = created.path("webhookSecret");
    assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat((String) created.path("webhookUrl"))
        .isEqualTo("https://tt.example.test/api/integrations/github/webhook/" + id);

    String config = config("alice", id).then().statusCode(200).extract().asString();
    assertThat(config).doesNotContain(secret).doesNotContain("enc:v1:");
    config("alice", id)
        .then()
        .body("secrets.webhookSecretSet", equalTo(true))
        .body("secrets.tokenSet", equalTo(false))
        .body("settings.defaultProjectId", equalTo(100))
        .body("settings.timerPolicy", equalTo("skip"));
  }

  @Test
  void theTokenIsWriteOnly() {
    String token = Secrets.seen("ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
    String id = create("alice", repo(), Map.of("token", token)).path("connection.id");

    String config = config("alice", id).then().statusCode(200).extract().asString();

    assertThat(config).doesNotContain(token).doesNotContain("ghp_");
    config("alice", id).then().body("secrets.tokenSet", equalTo(true));
  }

  @Test
  void afterARotationBothSecretsVerifyUntilTheOverlapEndsThenOnlyTheNewOne() {
    Response created = create("alice", repo(), Map.of("defaultProjectId", 100));
    String id = created.path("connection.id");
    String old = created.path("webhookSecret");

    Response rotated =
        given().auth().oauth2(TestTokens.user("alice")).post(BASE + "/" + id + "/webhook-secret");
    rotated.then().statusCode(200).body("webhookSecret", not(equalTo(old)));
    String fresh = Secrets.seen(rotated.path("webhookSecret"));
    String repo = created.path("connection.repository");

    byte[] body = Deliveries.issue("opened", repo, 1, "t", List.of(), null);
    deliver(hook(id), "issues", Deliveries.newId(), body, Deliveries.sign(old, body))
        .then()
        .statusCode(202);
    deliver(hook(id), "issues", Deliveries.newId(), body, Deliveries.sign(fresh, body))
        .then()
        .statusCode(202);
    assertThat(previousSecretExpiresAt(id))
        .isBetween(
            Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

    expirePreviousSecret(id);
    deliver(hook(id), "issues", Deliveries.newId(), body, Deliveries.sign(old, body))
        .then()
        .statusCode(401);
    deliver(hook(id), "issues", Deliveries.newId(), body, Deliveries.sign(fresh, body))
        .then()
        .statusCode(202);
  }

  @Test
  void anUpdateOfAConnectionDeletedMeanwhileIsNotFoundNotAnError() {
    String id = create("alice", repo(), Map.of()).path("connection.id");
    var loaded = repository.find(java.util.UUID.fromString(id)).await().atMost(WAIT).orElseThrow();
    given().auth().oauth2(TestTokens.user("alice")).delete(BASE + "/" + id).then().statusCode(204);

    // what a PUT that read the connection just before the DELETE writes
    var written = repository.update(loaded).await().atMost(WAIT);

    assertThat(written).isEmpty();
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .contentType(ContentType.JSON)
        .body(Map.of("defaultProjectId", 100))
        .put(BASE + "/" + id + "/config")
        .then()
        .statusCode(404)
        .body("code", equalTo("connection_not_found"));
  }

  @Test
  void theReEncryptionSweepIsForAdminsAndReportsARefusedPlaintext() {
    String id = create("alice", repo(), Map.of()).path("connection.id");
    String planted = "ghp_" + "plaintextPutThereByHandPlaintext0000";
    pool.preparedQuery("UPDATE github_connection SET token = $2 WHERE id = $1::uuid")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, planted))
        .await()
        .atMost(WAIT);

    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .post("/api/integrations/github/admin/re-encrypt-secrets")
        .then()
        .statusCode(403);
    Response report =
        given()
            .auth()
            .oauth2(TestTokens.admin("root"))
            .post("/api/integrations/github/admin/re-encrypt-secrets");

    report
        .then()
        .statusCode(200)
        .body(
            "columns.find { it.column == 'token' }.unencrypted",
            org.hamcrest.Matchers.greaterThanOrEqualTo(1))
        .body("columns.find { it.column == 'webhook_secret' }.remaining", equalTo(0));
    assertThat(report.asString()).doesNotContain(planted);
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .get(BASE + "/" + id + "/status")
        .then()
        .body("health.state", equalTo("down"))
        .body("health.detail", org.hamcrest.Matchers.containsString("not encrypted"));
    pool.preparedQuery("UPDATE github_connection SET token = NULL WHERE id = $1::uuid")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
        .await()
        .atMost(WAIT);
  }

  private Instant previousSecretExpiresAt(String id) {
    return pool.preparedQuery(
            "SELECT previous_secret_expires_at FROM github_connection WHERE id = $1::uuid")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant())
        .await()
        .atMost(WAIT);
  }

  private void expirePreviousSecret(String id) {
    pool.preparedQuery(
            "UPDATE github_connection SET previous_secret_expires_at = now() - interval '1 second'"
                + " WHERE id = $1::uuid")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
        .await()
        .atMost(WAIT);
  }

  @Test
  void aProjectTheOwnerCannotTrackTimeOnIsRefusedAtSave() {
    create("alice", repo(), Map.of("defaultProjectId", 200))
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("project_not_allowed"));
  }

  @Test
  void theSameRepositoryTwiceForOneOwnerIsAConflict() {
    String repo = repo();
    create("alice", repo, Map.of()).then().statusCode(201);
    create("alice", repo.toUpperCase(), Map.of())
        .then()
        .statusCode(409)
        .body("code", equalTo("connection_exists"));
  }

  @Test
  void aMalformedRepositoryIs400() {
    create("alice", "not a repo", Map.of())
        .then()
        .statusCode(400)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void anotherUsersConnectionIsNotFoundButAnAdminSeesIt() {
    String id = create("alice", repo(), Map.of()).path("connection.id");

    config("bob", id).then().statusCode(404).body("code", equalTo("connection_not_found"));
    given()
        .auth()
        .oauth2(TestTokens.admin("root"))
        .get(BASE + "/" + id + "/config")
        .then()
        .statusCode(200);
  }

  @Test
  void withoutATokenTheApiIs401() {
    given().get(BASE).then().statusCode(401);
  }

  @Test
  void putConfigChangesSettingsAndKeepsTheSecret() {
    Response created = create("alice", repo(), Map.of());
    String id = created.path("connection.id");

    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "defaultProjectId",
                100,
                "autoStart",
                true,
                "timerPolicy",
                "switch",
                "labelFilter",
                " tt "))
        .put(BASE + "/" + id + "/config")
        .then()
        .statusCode(200)
        .body("settings.autoStart", equalTo(true))
        .body("settings.timerPolicy", equalTo("switch"))
        .body("settings.labelFilter", equalTo("tt"))
        .body("webhookSecret", nullValue());
  }

  @Test
  void providerStatusIsNotConnectedWithoutAConnection() {
    given()
        .auth()
        .oauth2(TestTokens.user("dave"))
        .get("/api/integrations/github/status")
        .then()
        .statusCode(200)
        .body("ok", equalTo(true))
        .body("connected", equalTo(false));
  }

  @Test
  void connectionStatusIsConnectedAndHealthSaysWhatIsMissing() {
    String id = create("alice", repo(), Map.of()).path("connection.id");
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .get(BASE + "/" + id + "/status")
        .then()
        .statusCode(200)
        .body("connected", equalTo(true))
        .body("health.state", equalTo("degraded"))
        .body("health.detail", startsWith("default project not set"));
  }

  @Test
  void readinessCarriesTheDeliveryCountsWithoutFailing() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'github-deliveries' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'secret-encryption' }.status", equalTo("UP"));
  }

  private static Response config(String user, String id) {
    return given().auth().oauth2(TestTokens.user(user)).get(BASE + "/" + id + "/config");
  }

  private static String repo() {
    return "octo/api-" + REPOS.incrementAndGet();
  }
}
