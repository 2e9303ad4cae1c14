package io.timetracker.connector.github.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.connector.github.GithubTestResources;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kit's webhook intake as GitHub uses it: both content types GitHub offers, no parsing before
 * the signature holds on either URL, and the body cap enforced before and while reading.
 */
@QuarkusTest
class WebhookIntakeTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final String ROUTED = "/api/integrations/github/webhook";

  @TestHTTPResource("/")
  URI root;

  private String repo;
  private String id;
  private String secret;

  @BeforeEach
  void connect() {
    repo = "octo/intake-" + REPOS.incrementAndGet();
    var created = create("alice", repo, Map.of("defaultProjectId", 100));
    assertThat(created.statusCode()).isEqualTo(201);
    id = created.path("connection.id");
    secret = created.path("webhookSecret");
  }

  @Test
  void aFormEncodedDeliveryBehavesExactlyLikeTheSameDeliveryAsJson() {
    byte[] json = Deliveries.issue("opened", repo, 1, "Form & JSON = same", List.of("bug"), null);
    byte[] form =
        ("payload="
                + URLEncoder.encode(
                    new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII);
    String asJson = Deliveries.newId();
    String asForm = Deliveries.newId();

    Response jsonAnswer =
        send(hook(id), asJson, ContentType.JSON, json, Deliveries.sign(secret, json));
    Response formAnswer =
        send(hook(id), asForm, ContentType.URLENC, form, Deliveries.sign(secret, form));

    assertThat(formAnswer.statusCode()).isEqualTo(jsonAnswer.statusCode()).isEqualTo(202);
    assertThat(formAnswer.jsonPath().getMap("$"))
        .isEqualTo(
            Map.of(
                "ok",
                true,
                "status",
                "received",
                "message",
                "Queued for processing",
                "deliveryId",
                asForm));
    assertThat(jsonAnswer.jsonPath().getString("status")).isEqualTo("received");
    Map<String, Object> jsonRow = storedRow(asJson);
    Map<String, Object> formRow = storedRow(asForm);
    assertThat(formRow).isEqualTo(jsonRow);
    assertThat(formRow.get("payload")).isEqualTo(new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void aFormBodyMustBeSignedAsSentNotAsItsJson() {
    byte[] json = Deliveries.issue("opened", repo, 2, "signed json", List.of(), null);
    byte[] form =
        ("payload="
                + URLEncoder.encode(
                    new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII);
    String delivery = Deliveries.newId();

    send(hook(id), delivery, ContentType.URLENC, form, Deliveries.sign(secret, json))
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_signature"));
    assertThat(inboxRows(delivery)).isZero();
  }

  @Test
  void theUrlWithoutAnIdChecksTheSignatureBeforeParsing() {
    byte[] notJson = "{ this is not json".getBytes(StandardCharsets.UTF_8);

    send(ROUTED, Deliveries.newId(), ContentType.JSON, notJson, Deliveries.sign("wrong", notJson))
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_signature"))
        .body("detail", equalTo("No matching GitHub integration"));
  }

  @Test
  void theUrlWithAnIdChecksTheSignatureBeforeParsing() {
    byte[] notJson = "[[[".getBytes(StandardCharsets.UTF_8);

    send(hook(id), Deliveries.newId(), ContentType.JSON, notJson, null)
        .then()
        .statusCode(401)
        .body("code", equalTo("invalid_signature"));
  }

  @Test
  void aSignedFormDeliveryOnTheUrlWithoutAnIdIsStoredForItsConnection() {
    byte[] json = Deliveries.issue("labeled", repo, 3, "routed form", List.of("x"), null);
    byte[] form =
        ("payload="
                + URLEncoder.encode(
                    new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII);
    String delivery = Deliveries.newId();

    send(ROUTED, delivery, ContentType.URLENC, form, Deliveries.sign(secret, form))
        .then()
        .statusCode(202)
        .body("status", equalTo("received"));
    assertThat(storedRow(delivery)).containsEntry("connection_id", id);
  }

  @Test
  void aChunkedBodyOverTheCapIsRefusedWhileItIsRead() throws Exception {
    byte[] big = new byte[200_000];
    java.util.Arrays.fill(big, (byte) 'x');
    InputStream unknownLength = new ByteArrayInputStream(big);
    HttpRequest request =
        HttpRequest.newBuilder(root.resolve(hook(id).substring(1)))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", Deliveries.newId())
            .header("X-Hub-Signature-256", Deliveries.sign(secret, big))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> unknownLength))
            .build();

    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(answer.body()).contains("\"code\":\"payload_too_large\"");
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeAnyBodyIsSent() throws Exception {
    try (Socket socket = new Socket(root.getHost(), root.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + hook(id)
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 10000000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoTimeout(10_000);

      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(status).isEqualTo("HTTP/1.1 413");
    }
  }

  private Map<String, Object> storedRow(String delivery) {
    Row row =
        pool.preparedQuery(
                "SELECT provider, connection_id, event, action, delivery_key, status, payload"
                    + " FROM inbox_delivery WHERE delivery_id = $1")
            .execute(Tuple.of(delivery))
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    return Map.of(
        "provider", row.getString("provider"),
        "connection_id", row.getString("connection_id"),
        "event", row.getString("event"),
        "action", row.getString("action"),
        "delivery_key", row.getString("delivery_key"),
        "status", row.getString("status"),
        "payload", new String(row.getBuffer("payload").getBytes(), StandardCharsets.UTF_8));
  }

  private static Response send(
      String path, String delivery, ContentType type, byte[] body, String signature) {
    var request =
        given()
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", delivery)
            // the bytes exactly as signed: RestAssured must not re-encode a form body
            .config(
                RestAssuredConfig.config()
                    .encoderConfig(
                        EncoderConfig.encoderConfig()
                            .encodeContentTypeAs(
                                "application/x-www-form-urlencoded", ContentType.TEXT)))
            .contentType(type)
            .body(body);
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return request.post(path);
  }
}
