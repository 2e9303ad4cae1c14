package io.timetracker.gateway.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.gateway.ConnectorStandIns;
import io.timetracker.gateway.GatewayTestBase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GitHub deliveries through the gateway reach connector-github unchanged (body bytes, signature and
 * delivery headers, path and query), and the connector's answer comes back unchanged.
 */
@QuarkusTest
class GithubWebhookForwardingTest extends GatewayTestBase {

  private static final String HOOK =
      "/api/integrations/github/webhook/6f1c2d9e-0000-4000-8000-000000000001";
  private static final byte[] BODY =
      "{\"action\":\"opened\",\n  \"issue\":{\"title\":\"Ümlaut — dash\",\"n\":1} }  \r\n"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void forwardsDeliveryByteForByteWithItsHeaders() {
    ConnectorStandIns.github()
        .stubFor(
            post(anyUrl())
                .willReturn(
                    aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Connector", "github")
                        .withBody("{\"ok\":true,\"status\":\"received\"}")));

    Response answer = deliver(HOOK + "?probe=1", "src-forward", BODY, "sha256=abc123");

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.asString()).isEqualTo("{\"ok\":true,\"status\":\"received\"}");
    assertThat(answer.header("X-Connector")).isEqualTo("github");
    LoggedRequest seen = only(ConnectorStandIns.github().findAll(postRequestedFor(anyUrl())));
    assertThat(seen.getUrl()).isEqualTo(HOOK + "?probe=1");
    assertThat(seen.getBody()).isEqualTo(BODY);
    assertThat(seen.getHeader("X-Hub-Signature-256")).isEqualTo("sha256=abc123");
    assertThat(seen.getHeader("X-GitHub-Delivery")).isEqualTo("delivery-src-forward");
    assertThat(seen.getHeader("X-GitHub-Event")).isEqualTo("issues");
    assertThat(seen.getHeader("Content-Type")).startsWith("application/json");
    assertThat(seen.getHeader("X-Forwarded-For")).contains("10.1.0.1");
  }

  @Test
  void passesTheCallersTraceContextThroughUntouched() {
    // a gateway client span would add a traceparent of its own beside the caller's
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    ConnectorStandIns.github().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(202)));

    Response answer =
        given()
            .header("X-Forwarded-For", sourceIp("src-trace"))
            .header("X-GitHub-Event", "issues")
            .header("traceparent", traceparent)
            .header("tracestate", "vendor=opaque")
            .contentType("application/json")
            .body(BODY)
            .post(HOOK);

    assertThat(answer.statusCode()).isEqualTo(202);
    LoggedRequest seen = only(ConnectorStandIns.github().findAll(postRequestedFor(anyUrl())));
    assertThat(seen.getHeaders().getHeader("traceparent").values()).containsExactly(traceparent);
    assertThat(seen.getHeaders().getHeader("tracestate").values()).containsExactly("vendor=opaque");
  }

  @Test
  void sendsNoTraceContextOfItsOwn() {
    ConnectorStandIns.github().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(202)));

    Response answer = deliver(HOOK, "src-untraced", BODY, "sha256=x");

    assertThat(answer.statusCode()).isEqualTo(202);
    LoggedRequest seen = only(ConnectorStandIns.github().findAll(postRequestedFor(anyUrl())));
    assertThat(seen.containsHeader("traceparent")).isFalse();
  }

  @Test
  void forwardsTheOriginalUnroutedUrl() {
    ConnectorStandIns.github()
        .stubFor(
            post(urlEqualTo("/api/integrations/github/webhook"))
                .willReturn(aResponse().withStatus(202)));

    Response answer = deliver("/api/integrations/github/webhook", "src-unrouted", BODY, "sha256=x");

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(only(ConnectorStandIns.github().findAll(postRequestedFor(anyUrl()))).getBody())
        .isEqualTo(BODY);
  }

  @Test
  void passesTheConnectorsSignatureRefusalThrough() {
    String problem =
        "{\"type\":\"/problems/invalid_signature\",\"status\":401,\"code\":\"invalid_signature\"}";
    ConnectorStandIns.github()
        .stubFor(
            post(anyUrl())
                .willReturn(
                    aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody(problem)));

    Response answer = deliver(HOOK, "src-tampered", BODY, "sha256=wrong");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.asString()).isEqualTo(problem);
  }

  @Test
  void refusesADeclaredOversizedBodyWithoutForwarding() {
    byte[] big = new byte[65_537];
    Arrays.fill(big, (byte) 'a');

    Response answer = deliver(HOOK, "src-big", big, "sha256=x");

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.<String>path("code")).isEqualTo("payload_too_large");
    assertThat(ConnectorStandIns.github().findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void refusesAChunkedBodyOnceItPassesTheCap() {
    ConnectorStandIns.github().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(202)));
    byte[] big = new byte[200_000];
    Arrays.fill(big, (byte) 'b');

    Response answer =
        given()
            .header("X-Forwarded-For", "10.1.0.9")
            .header("X-GitHub-Event", "issues")
            .contentType("application/json")
            .body(new ByteArrayInputStream(big))
            .post(HOOK);

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(ConnectorStandIns.github().findAll(anyRequestedFor(anyUrl())))
        .allSatisfy(r -> assertThat(r.getBody().length).isLessThan(big.length));
  }

  @Test
  void answers503WithRetryAfterWhenTheConnectorIsDown() {
    ConnectorStandIns.github()
        .stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Response answer = deliver(HOOK, "src-down", BODY, "sha256=x");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.header("Retry-After")).isEqualTo("5");
    assertThat(answer.<String>path("code")).isEqualTo("connector_unavailable");
  }

  static Response deliver(String url, String source, byte[] body, String signature) {
    return given()
        .header("X-Forwarded-For", sourceIp(source))
        .header("X-GitHub-Delivery", "delivery-" + source)
        .header("X-Hub-Signature-256", signature)
        .header("User-Agent", "GitHub-Hookshot/044aadd")
        .header("X-GitHub-Event", "issues")
        .contentType("application/json")
        .body(body)
        .post(url);
  }

  /** A delivery from the source address {@code ip}. */
  static Response deliverAs(String ip, String url, byte[] body) {
    return given()
        .header("X-Forwarded-For", ip)
        .header("User-Agent", "GitHub-Hookshot/044aadd")
        .header("X-GitHub-Event", "issues")
        .contentType("application/json")
        .body(body)
        .post(url);
  }

  /** A distinct source address per test, so rate limits of one test never touch another. */
  static String sourceIp(String source) {
    return source.equals("src-forward")
        ? "10.1.0.1"
        : "10.2." + Math.abs(source.hashCode() % 250) + ".7";
  }

  private static LoggedRequest only(List<LoggedRequest> requests) {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }
}
