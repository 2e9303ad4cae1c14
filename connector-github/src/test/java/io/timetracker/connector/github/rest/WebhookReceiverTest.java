package io.timetracker.connector.github.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.connector.github.GithubTestResources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook receiver: signatures before parsing, case-insensitive headers, dedupe, caps. */
@QuarkusTest
class WebhookReceiverTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;

  private String repo;
  private String id;
  private String secret;

  @BeforeEach
  void connect() {
    repo = "octo/hooks-" + REPOS.incrementAndGet();
    var created = create("alice", repo, Map.of("defaultProjectId", 100));
    assertThat(created.statusCode()).isEqualTo(201);
    id = created.path("connection.id");
    secret = created.path("webhookSecret");
  }

  @Test
  void storesASignedIssueDeliveryAndAnswers202() {
    byte[] body = Deliveries.issue("opened", repo, 1, "Crash on save", List.of("bug"), null);
    String delivery = Deliveries.newId();

    deliver(hook(id), "issues", delivery, body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202)
        .body("status", equalTo("received"))
        .body("deliveryId", equalTo(delivery));

    assertThat(inboxRows(delivery)).isEqualTo(1);
    assertThat(deliveryKey(delivery)).isEqualTo(repo + "#1");
  }

  @Test
  void theSameDeliveryTwiceIsStoredOnce() {
    byte[] body = Deliveries.issue("opened", repo, 2, "Twice", List.of(), null);
    String delivery = Deliveries.newId();
    deliver(hook(id), "issues", delivery, body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202);

    deliver(hook(id), "issues", delivery, body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202)
        .body("status", equalTo("duplicate"));

    assertThat(inboxRows(delivery)).isEqualTo(1);
  }

  @Test
  void lowerCaseHeaderNamesWork() {
    byte[] body = Deliveries.issue("opened", repo, 3, "lower", List.of(), null);
    String delivery = Deliveries.newId();

    given()
        .header("x-github-event", "issues")
        .header("x-github-delivery", delivery)
        .header("x-hub-signature-256", Deliveries.sign(secret, body))
        .contentType(ContentType.JSON)
        .body(body)
        .post(hook(id))
        .then()
        .statusCode(202)
        .body("status", equalTo("received"));

    assertThat(inboxRows(delivery)).isEqualTo(1);
  }

  @Test
  void pingAnswers200() {
    byte[] body = Deliveries.ping(repo);
    deliver(hook(id), "ping", Deliveries.newId(), body, Deliveries.sign(secret, body))
        .then()
        .statusCode(200)
        .body("ok", equalTo(true))
        .body("message", equalTo("Webhook received"));
  }

  @Test
  void aPushEventIsAcknowledgedAsIgnored() {
    byte[] body = Deliveries.push(repo);
    String delivery = Deliveries.newId();
    deliver(hook(id), "push", delivery, body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202)
        .body("status", equalTo("ignored"))
        .body("message", equalTo("Unhandled event: push"));
    assertThat(inboxRows(delivery)).isZero();
  }

  @Test
  void anUnhandledActionIsAcknowledgedAsIgnored() {
    byte[] body = Deliveries.issue("pinned", repo, 4, "pin", List.of(), null);
    deliver(hook(id), "issues", Deliveries.newId(), body, Deliveries.sign(secret, body))
        .then()
        .statusCode(202)
        .body("status", equalTo("ignored"));
  }

  @Test
  void aWrongSecretIs401AndStoresNothing() {
    assertRejected(Deliveries.sign("not-the-secret", body(5)), 5);
  }

  @Test
  void aMissingSignatureIs401AndStoresNothing() {
    assertRejected(null, 6);
  }

  @Test
  void aMalformedSignatureIs401AndStoresNothing() {
    assertRejected("sha256=zz-not-hex", 7);
  }

  @Test
  void aSignatureWithoutTheSha256PrefixIs401AndStoresNothing() {
    assertRejected(Deliveries.sign(secret, body(8)).substring("sha256=".length()), 8);
  }

  @Test
  void aSignatureOfOtherBytesIs401() {
    byte[] signed = body(9);
    byte[] sent = Deliveries.issue("opened", repo, 9, "tampered title", List.of(), null);
    String delivery = Deliveries.newId();
    deliver(hook(id), "issues", delivery, sent, Deliveries.sign(secret, signed))
        .then()
        .statusCode(401);
    assertThat(inboxRows(delivery)).isZero();
  }

  @Test
  void anUnknownConnectionIs401() {
    byte[] body = body(10);
    deliver(
            hook("00000000-0000-0000-0000-000000000000"),
            "issues",
            Deliveries.newId(),
            body,
            Deliveries.sign(secret, body))
        .then()
        .statusCode(401);
  }

  @Test
  void aTooLargeBodyIs413ProblemJson() {
    byte[] body = new byte[70_000];
    java.util.Arrays.fill(body, (byte) ' ');
    deliver(hook(id), "issues", Deliveries.newId(), body, Deliveries.sign(secret, body))
        .then()
        .statusCode(413)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("payload_too_large"));
  }

  @Test
  void aSignedJsonArrayIs400MalformedPayload() {
    byte[] body = "[1,2]".getBytes();
    deliver(hook(id), "issues", Deliveries.newId(), body, Deliveries.sign(secret, body))
        .then()
        .statusCode(400)
        .body("detail", equalTo("Malformed payload"));
  }

  @Test
  void theUrlWithoutAnIdRoutesByRepository() {
    byte[] body = body(11);
    String delivery = Deliveries.newId();
    deliver(
            "/api/integrations/github/webhook",
            "issues",
            delivery,
            body,
            Deliveries.sign(secret, body))
        .then()
        .statusCode(202)
        .body("status", equalTo("received"));
    assertThat(inboxRows(delivery)).isEqualTo(1);
  }

  @Test
  void theUrlWithoutAnIdRejectsAWrongSecret() {
    byte[] body = body(12);
    String delivery = Deliveries.newId();
    deliver(
            "/api/integrations/github/webhook",
            "issues",
            delivery,
            body,
            Deliveries.sign("wrong", body))
        .then()
        .statusCode(401)
        .body("detail", equalTo("No matching GitHub integration"));
    assertThat(inboxRows(delivery)).isZero();
  }

  private byte[] body(int number) {
    return Deliveries.issue("opened", repo, number, "Issue " + number, List.of(), null);
  }

  private void assertRejected(String signature, int number) {
    long before = inboxRows();
    String delivery = Deliveries.newId();
    deliver(hook(id), "issues", delivery, body(number), signature)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(401));
    assertThat(inboxRows(delivery)).isZero();
    assertThat(inboxRows()).isEqualTo(before);
  }
}
