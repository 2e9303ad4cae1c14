package io.timetracker.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.gateway.ConnectorStandIns;
import io.timetracker.gateway.GatewayTestBase;
import io.timetracker.gateway.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The uniform user API goes to each connector through the kit's typed client, as the signed-in
 * person, and keeps the suite's answers: "not configured" as the original's body, refusals passed
 * on, outages as 503, a connector that is down marked unavailable in the list.
 */
@QuarkusTest
class UniformApiTest extends GatewayTestBase {

  private static final String CONNECTED =
      "{\"ok\":true,\"connected\":true,\"lastSyncAt\":\"2026-12-01T10:00:00Z\","
          + "\"lastSyncStatus\":\"success\",\"lastError\":null,"
          + "\"health\":{\"state\":\"up\",\"detail\":null}}";
  private static final String NOT_CONNECTED =
      "{\"ok\":true,\"connected\":false,\"health\":{\"state\":\"unknown\"}}";
  private static final String NOT_CONFIGURED_PROBLEM =
      "{\"type\":\"/problems/not_configured\",\"title\":\"Not Found\",\"status\":404,"
          + "\"detail\":\"Integration not configured\",\"code\":\"not_configured\"}";

  @Test
  void statusGoesToTheConnectorWithThePersonsOwnToken() {
    String alice = TestTokens.user("alice");
    stubJson(ConnectorStandIns.github(), "/api/integrations/github/status", 200, CONNECTED);

    Response answer = as(alice).get("/api/integrations/github/status");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.<Boolean>path("connected")).isTrue();
    assertThat(answer.<String>path("lastSyncStatus")).isEqualTo("success");
    var seen = ConnectorStandIns.github().findAll(getRequestedFor(anyUrl()));
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).getHeader("Authorization")).isEqualTo("Bearer " + alice);
  }

  @Test
  void namedConnectionIsPassedOn() {
    stubJson(
        ConnectorStandIns.github(),
        "/api/integrations/github/config?connection=c-1",
        200,
        "{\"ok\":true,\"provider\":\"github\",\"settings\":{\"repository\":\"o/r\"},"
            + "\"secrets\":{\"tokenSet\":true}}");

    Response answer =
        as(TestTokens.user("alice")).get("/api/integrations/github/config?connection=c-1");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.<String>path("settings.repository")).isEqualTo("o/r");
    assertThat(answer.<Boolean>path("secrets.tokenSet")).isTrue();
  }

  @Test
  void withoutAConnectionTheAnswerIsTheOriginalsNotConfigured() {
    ConnectorStandIns.slack()
        .stubFor(
            post(urlPathEqualTo("/api/integrations/slack/test"))
                .willReturn(
                    aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody(NOT_CONFIGURED_PROBLEM)));

    Response answer = as(TestTokens.user("alice")).post("/api/integrations/slack/test");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.as(Map.class))
        .isEqualTo(Map.of("ok", false, "error", "Integration not configured"));
  }

  @Test
  void aConnectorsRefusalIsPassedOnAsItsProblem() {
    String problem =
        "{\"type\":\"/problems/connection_not_found\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"No such connection.\",\"code\":\"connection_not_found\"}";
    stubJson(
        ConnectorStandIns.github(),
        "/api/integrations/github/config?connection=bob-s",
        404,
        problem);

    Response answer =
        as(TestTokens.user("alice")).get("/api/integrations/github/config?connection=bob-s");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.<String>path("code")).isEqualTo("connection_not_found");
  }

  @Test
  void syncAnswers202WithTheJobToPoll() {
    ConnectorStandIns.google()
        .stubFor(
            post(urlPathEqualTo("/api/integrations/google/sync"))
                .willReturn(
                    aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"ok\":true,\"jobId\":\"0d5f3c1e-0000-4000-8000-000000000009\","
                                + "\"status\":\"queued\",\"statusUrl\":\"/x\"}")));

    Response answer = as(TestTokens.user("alice")).post("/api/integrations/google/sync");

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.<String>path("status")).isEqualTo("queued");
  }

  @Test
  void listMarksAConnectorThatIsDownUnavailable() {
    stubJson(ConnectorStandIns.github(), "/api/integrations/github/status", 200, CONNECTED);
    stubJson(ConnectorStandIns.google(), "/api/integrations/google/status", 200, NOT_CONNECTED);
    ConnectorStandIns.slack()
        .stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Response answer = as(TestTokens.user("alice")).get("/api/integrations");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.<List<String>>path("connectors.provider"))
        .containsExactly("github", "google", "slack");
    assertThat(answer.<List<String>>path("connectors.state"))
        .containsExactly("connected", "not_connected", "unavailable");
  }

  @Test
  void slowConnectorIsUnavailableInTheListNotAFailedPage() {
    stubJson(ConnectorStandIns.github(), "/api/integrations/github/status", 200, CONNECTED);
    stubJson(ConnectorStandIns.google(), "/api/integrations/google/status", 200, NOT_CONNECTED);
    ConnectorStandIns.slack()
        .stubFor(
            get(anyUrl()).willReturn(aResponse().withFixedDelay(5_000).withBody(NOT_CONNECTED)));

    Response answer = as(TestTokens.user("alice")).get("/api/integrations");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.<String>path("connectors[2].state")).isEqualTo("unavailable");
  }

  @Test
  void outageIs503AndOpensTheBreakerSoTheConnectorIsSpared() {
    ConnectorStandIns.github()
        .stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("boom")));
    String alice = TestTokens.user("alice");

    for (int i = 0; i < 4; i++) {
      Response answer = as(alice).get("/api/integrations/github/status");
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.header("Retry-After")).isNotNull();
    }
    Response whileOpen = as(alice).get("/api/integrations/github/status");

    assertThat(whileOpen.statusCode()).isEqualTo(503);
    assertThat(ConnectorStandIns.github().findAll(anyRequestedFor(anyUrl()))).hasSize(4);
  }

  @Test
  void unknownProviderIs404Problem() {
    Response answer = as(TestTokens.user("alice")).get("/api/integrations/jira/status");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.<String>path("code")).isEqualTo("unknown_provider");
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    Response answer = as(TestTokens.forOtherAudience("alice")).get("/api/integrations");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(ConnectorStandIns.github().findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  private static io.restassured.specification.RequestSpecification as(String token) {
    return given().auth().oauth2(token).redirects().follow(false);
  }

  private static void stubJson(WireMockServer server, String url, int status, String body) {
    server.stubFor(
        get(urlEqualTo(url))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader(
                        "Content-Type",
                        status >= 400 ? "application/problem+json" : "application/json")
                    .withBody(body)));
  }
}
