package io.timetracker.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.gateway.ConnectorStandIns;
import io.timetracker.gateway.GatewayTestBase;
import io.timetracker.gateway.TestTokens;
import io.timetracker.testsupport.Fuzz;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Odd provider names, connection ids and bearer tokens at the uniform user API: never a 5xx from
 * the gateway itself (the connectors answer 404 for what they do not know), every refusal a problem
 * document. Cases are drawn from a seed ({@code -Dfuzz.seed=N} reruns another set).
 */
@QuarkusTest
class UserApiFuzzTest extends GatewayTestBase {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final List<String> OPERATIONS =
      List.of("GET config", "GET status", "POST test", "POST sync", "DELETE config");

  @TestHTTPResource("/")
  URI root;

  @BeforeEach
  void connectorsKnowNothing() {
    for (var connector :
        List.of(
            ConnectorStandIns.github(), ConnectorStandIns.slack(), ConnectorStandIns.google())) {
      connector.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withHeader("Content-Type", "application/problem+json")
                      .withBody(
                          "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                              + "\"code\":\"connection_not_found\"}")));
    }
  }

  @Test
  void oddProvidersAndConnectionsAreAnsweredWithoutA5xx() throws Exception {
    String token = TestTokens.user("fuzz");
    List<String> providers =
        Fuzz.sample(
            Arbitraries.oneOf(
                Arbitraries.of("github", "slack", "google", "GitHub", "gcal", "", "..", "%2e%2e"),
                Arbitraries.strings().alpha().numeric().ofMaxLength(40)),
            Fuzz.SEED,
            1200);
    // values, not sizes: a request line over the server's limit is answered by the server itself
    List<String> connections =
        Fuzz.sample(
            Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
                Arbitraries.of("", "null", "-1", "0", "../../etc", "%00", "\u0000", "é")),
            Fuzz.SEED + 1,
            1200);
    for (int i = 0; i < providers.size(); i++) {
      String op = OPERATIONS.get(i % OPERATIONS.size());
      String path =
          "api/integrations/"
              + URLEncoder.encode(providers.get(i), StandardCharsets.UTF_8)
              + "/"
              + op.substring(op.indexOf(' ') + 1)
              + "?connection="
              + URLEncoder.encode(connections.get(i), StandardCharsets.UTF_8);
      HttpResponse<String> answer = send(op.substring(0, op.indexOf(' ')), path, token);
      Fuzz.expectNoServerError(answer, Fuzz.caseOf(op + " " + path, i, Fuzz.SEED));
    }
  }

  @Test
  void oddBearerTokensAreRefusedAndReachNoConnector() throws Exception {
    List<String> tokens = Fuzz.sample(Fuzz.headerValues(), Fuzz.SEED + 2, 800);
    for (int i = 0; i < tokens.size(); i++) {
      HttpResponse<String> answer = send("GET", "api/integrations/github/status", tokens.get(i));
      // a value no client can send as a header leaves the request without a token: the page's
      // sign-in redirect (302) then answers instead of 401
      assertThat(answer.statusCode())
          .as("token case " + i + " of seed " + (Fuzz.SEED + 2) + ": " + tokens.get(i))
          .isIn(302, 401);
      assertThat(ConnectorStandIns.github().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(root.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null && !token.isBlank()) {
      Fuzz.header(request, "Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
