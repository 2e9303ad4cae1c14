package io.timetracker.connector.github.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.connector.github.ConnectorTestBase;
import io.timetracker.connector.github.Deliveries;
import io.timetracker.testsupport.Fuzz;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated deliveries at the public webhook: bodies signed correctly but broken in
 * every way the mutations know, wrong signatures, and odd headers. Never a 5xx, every refusal a
 * problem document, and nothing stored for a delivery whose signature does not hold. Cases are
 * drawn from a seed ({@code -Dfuzz.seed=N} reruns another set; a failure names its seed and case).
 */
@QuarkusTest
class WebhookFuzzTest extends ConnectorTestBase {

  private static final AtomicInteger REPOS = new AtomicInteger();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TestHTTPResource("/")
  URI root;

  private String repo;
  private String id;
  private String secret;

  @BeforeEach
  void connect() {
    stubCoreForDeliveries();
    repo = "octo/fuzz-" + REPOS.incrementAndGet();
    var created = create("alice", repo, Map.of("defaultProjectId", 100));
    assertThat(created.statusCode()).isEqualTo(201);
    id = created.path("connection.id");
    secret = created.path("webhookSecret");
  }

  @Test
  void correctlySignedButMutatedBodiesAreAnsweredWithoutA5xx() throws Exception {
    byte[] valid = Deliveries.issue("opened", repo, 7, "Fuzzed title", List.of("bug"), "alice-gh");
    List<byte[]> bodies = Fuzz.sample(Fuzz.mutationsOf(valid), Fuzz.SEED, 1500);
    for (int i = 0; i < bodies.size(); i++) {
      byte[] body = bodies.get(i);
      HttpResponse<String> answer =
          post(body, "issues", Deliveries.newId(), Deliveries.sign(secret, body), "json");
      expectNoServerError(answer, "signed body", i);
    }
  }

  @Test
  void aWrongSignatureIsRefusedAndNothingIsStored() throws Exception {
    byte[] body = Deliveries.issue("opened", repo, 8, "Not signed by GitHub", List.of(), null);
    String right = Deliveries.sign(secret, body);
    List<String> wrong = Fuzz.sample(Fuzz.wrongSignatures(right), Fuzz.SEED, 800);
    List<byte[]> otherBodies = Fuzz.sample(Fuzz.mutationsOf(body), Fuzz.SEED + 1, 400);
    long before = storedForConnection();
    for (int i = 0; i < wrong.size(); i++) {
      HttpResponse<String> answer = post(body, "issues", Deliveries.newId(), wrong.get(i), "json");
      assertThat(answer.statusCode())
          .as(Fuzz.caseOf("wrong signature", i, Fuzz.SEED) + " " + wrong.get(i))
          .isEqualTo(401);
      assertThat(answer.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    // a body changed after signing: the signature of the original no longer holds for it
    for (int i = 0; i < otherBodies.size(); i++) {
      byte[] changed = otherBodies.get(i);
      if (java.util.Arrays.equals(changed, body)) {
        continue;
      }
      HttpResponse<String> answer = post(changed, "issues", Deliveries.newId(), right, "json");
      // 413 before the signature is looked at when the change made the body too large
      assertThat(answer.statusCode())
          .as(Fuzz.caseOf("body changed after signing", i, Fuzz.SEED))
          .isIn(401, 413);
    }

    assertThat(storedForConnection()).isEqualTo(before);
  }

  @Test
  void oddHeadersOnASignedDeliveryAreAnsweredWithoutA5xx() throws Exception {
    byte[] body = Deliveries.issue("labeled", repo, 9, "Odd headers", List.of("bug"), null);
    String signature = Deliveries.sign(secret, body);
    List<String> values = Fuzz.sample(Fuzz.headerValues(), Fuzz.SEED, 600);
    List<String> types =
        Fuzz.sample(
            Arbitraries.oneOf(
                Arbitraries.of(
                    "json", "form", "text/plain", "application/xml", "multipart/form-data"),
                Fuzz.headerValues()),
            Fuzz.SEED + 2,
            600);
    for (int i = 0; i < values.size(); i++) {
      String odd = values.get(i);
      switch (i % 3) {
        case 0 ->
            expectNoServerError(
                post(body, odd, Deliveries.newId(), signature, "json"), "X-GitHub-Event " + odd, i);
        case 1 ->
            expectNoServerError(
                post(body, "issues", odd, signature, "json"), "X-GitHub-Delivery " + odd, i);
        default ->
            expectNoServerError(
                post(body, "issues", Deliveries.newId(), signature, types.get(i)),
                "Content-Type " + types.get(i),
                i);
      }
    }
  }

  private HttpResponse<String> post(
      byte[] body, String event, String delivery, String signature, String type)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(root.resolve(hook(id).substring(1)))
            .timeout(Duration.ofSeconds(30))
            .header("User-Agent", "GitHub-Hookshot/044aadd")
            .header(
                "Content-Type",
                switch (type) {
                  case "json" -> "application/json";
                  case "form" -> "application/x-www-form-urlencoded";
                  default -> type;
                })
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    Fuzz.header(request, "X-GitHub-Event", event);
    Fuzz.header(request, "X-GitHub-Delivery", delivery);
    Fuzz.header(request, "X-Hub-Signature-256", signature);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expectNoServerError(HttpResponse<String> answer, String what, int i) {
    Fuzz.expectNoServerError(answer, Fuzz.caseOf(what, i, Fuzz.SEED));
  }

  private long storedForConnection() {
    return pool.preparedQuery("SELECT count(*) FROM inbox_delivery WHERE connection_id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getLong(0))
        .await()
        .atMost(WAIT);
  }
}
