package io.timetracker.gateway.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.gateway.ConnectorStandIns;
import io.timetracker.gateway.GatewayTestBase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The webhook routes' per-source limit (tests: burst 5, then 2 per minute). */
@QuarkusTest
class RateLimitTest extends GatewayTestBase {

  private static final String HOOK = "/api/integrations/github/webhook";
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  @Test
  void burstOverTheLimitGets429WithRetryAfterWhileOtherSourcesPass() {
    ConnectorStandIns.github().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(202)));

    for (int i = 0; i < 5; i++) {
      assertThat(deliverFrom("10.9.9.1").statusCode()).isEqualTo(202);
    }
    Response limited = deliverFrom("10.9.9.1");
    Response other = deliverFrom("10.9.9.2");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.contentType()).isEqualTo("application/problem+json");
    assertThat(limited.<String>path("code")).isEqualTo("rate_limited");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(other.statusCode()).isEqualTo(202);
    assertThat(ConnectorStandIns.github().getAllServeEvents()).hasSize(6);
  }

  private static Response deliverFrom(String ip) {
    return GithubWebhookForwardingTest.deliverAs(ip, HOOK, BODY);
  }
}
