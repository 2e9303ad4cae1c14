package io.timetracker.gateway.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.gateway.ConnectorStandIns;
import io.timetracker.gateway.GatewayTestBase;
import org.junit.jupiter.api.Test;

/**
 * Slack gives up on a command after 3 s: the gateway answers a clean ephemeral "try again" itself
 * when connector-slack is slow or down, and lets Slack retry an Events API callback.
 */
@QuarkusTest
class SlackFallbackTest extends GatewayTestBase {

  private static final String COMMAND =
      "token=x&team_id=T1&user_id=U1&command=%2Ftt&text=status&response_url=https%3A%2F%2Fhooks";

  @Test
  void forwardsASlashCommandAndItsSignatureUnchanged() {
    ConnectorStandIns.slack()
        .stubFor(
            post(anyUrl())
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"response_type\":\"ephemeral\",\"text\":\"No timer running.\"}")));

    Response answer = command("/api/integrations/slack/commands");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.<String>path("text")).isEqualTo("No timer running.");
    var seen = ConnectorStandIns.slack().findAll(postRequestedFor(anyUrl())).get(0);
    assertThat(seen.getBodyAsString()).isEqualTo(COMMAND);
    assertThat(seen.getHeader("X-Slack-Signature")).isEqualTo("v0=abc");
    assertThat(seen.getHeader("X-Slack-Request-Timestamp")).isEqualTo("1700000000");
  }

  @Test
  void slowConnectorGetsAnEphemeralTryAgainWithinSlacksThreeSeconds() {
    ConnectorStandIns.slack()
        .stubFor(post(anyUrl()).willReturn(aResponse().withFixedDelay(8_000).withBody("late")));

    long started = System.nanoTime();
    Response answer = command("/api/integrations/slack/events");
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.<String>path("response_type")).isEqualTo("ephemeral");
    assertThat(answer.<String>path("text")).isEqualTo(ForwardAnswers.SLACK_TRY_AGAIN);
    assertThat(millis).isLessThan(3_000);
  }

  @Test
  void connectorDownGetsAnEphemeralTryAgain() {
    ConnectorStandIns.slack()
        .stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Response answer = command("/api/integrations/slack/commands");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.<String>path("text")).isEqualTo(ForwardAnswers.SLACK_TRY_AGAIN);
  }

  @Test
  void eventsCallbackWhileConnectorDownIs503SoSlackRetries() {
    ConnectorStandIns.slack()
        .stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Response answer =
        given()
            .header("X-Forwarded-For", "10.3.0.2")
            .header("X-Slack-Signature", "v0=abc")
            .header("X-Slack-Request-Timestamp", "1700000000")
            .contentType("application/json")
            .body("{\"type\":\"event_callback\"}")
            .post("/api/integrations/slack/events");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.header("Retry-After")).isEqualTo("5");
  }

  private static Response command(String path) {
    return given()
        .header("X-Forwarded-For", "10.3.0.1")
        .header("X-Slack-Signature", "v0=abc")
        .header("X-Slack-Request-Timestamp", "1700000000")
        .contentType("application/x-www-form-urlencoded")
        .body(COMMAND)
        .post(path);
  }
}
