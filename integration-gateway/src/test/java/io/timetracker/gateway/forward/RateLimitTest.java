package io.timetracker.gateway.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.gateway.ConnectorStandIns;
import io.timetracker.gateway.GatewayTestBase;
import io.timetracker.gateway.config.GatewayConfig;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The webhook routes' per-source limit (GitHub's in tests: burst 5, then 2 per minute); Slack's
 * routes have their own, sized for Slack's few sending addresses.
 */
@QuarkusTest
class RateLimitTest extends GatewayTestBase {

  @Inject GatewayConfig config;

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

  @Test
  void slacksRoutesTakeFarMoreFromOneSourceThanGithubsLimit() {
    ConnectorStandIns.slack()
        .stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

    for (int i = 0; i < 30; i++) {
      Response answer =
          given()
              .header("X-Forwarded-For", "10.9.8.1")
              .contentType("application/x-www-form-urlencoded")
              .body("command=%2Ftt&text=status&team_id=T1&user_id=U1")
              .post("/api/integrations/slack/commands/T1");
      assertThat(answer.statusCode()).isEqualTo(200);
    }
    GatewayConfig.Route slack = config.routes().get("slack-events");
    assertThat(slack.ratePerMinute()).isEqualTo(30_000);
    assertThat(slack.burst()).isEqualTo(1_000);
  }

  private static Response deliverFrom(String ip) {
    return GithubWebhookForwardingTest.deliverAs(ip, HOOK, BODY);
  }
}
