package io.timetracker.gateway.forward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.gateway.ConnectorStandIns;
import io.timetracker.gateway.GatewayTestBase;
import io.timetracker.gateway.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Routes that act for a person (GitHub's connections, Google's OAuth) need them signed in and reach
 * the connector with their own token, never anyone else's and never the session cookie.
 */
@QuarkusTest
class SignedInForwardingTest extends GatewayTestBase {

  @Test
  void githubConnectionsGoAsTheSignedInPerson() {
    String bob = TestTokens.user("bob");
    ConnectorStandIns.github()
        .stubFor(
            post(anyUrl())
                .willReturn(
                    aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"c-1\",\"webhookSecret\":\"once\"}")));

    Response answer =
        given()
            .auth()
            .oauth2(bob)
            .cookie("q_session", "gateway-only")
            .cookie("theirs", "kept")
            .contentType("application/json")
            .body("{\"repository\":\"bob/repo\"}")
            .post("/api/integrations/github/connections");

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.<String>path("webhookSecret")).isEqualTo("once");
    var seen = ConnectorStandIns.github().findAll(postRequestedFor(anyUrl())).get(0);
    assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer " + bob);
    assertThat(seen.getBodyAsString()).isEqualTo("{\"repository\":\"bob/repo\"}");
    assertThat(seen.getHeader("Cookie")).isEqualTo("theirs=kept");
  }

  @Test
  void withoutSignInNothingIsForwarded() {
    ConnectorStandIns.github().stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)));

    Response answer = given().redirects().follow(false).get("/api/integrations/github/connections");

    assertThat(answer.statusCode()).isIn(302, 401);
    assertThat(ConnectorStandIns.github().findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void googleConnectRedirectComesBackUnchanged() {
    String alice = TestTokens.user("alice");
    ConnectorStandIns.google()
        .stubFor(
            get(anyUrl())
                .willReturn(
                    aResponse()
                        .withStatus(302)
                        .withHeader(
                            "Location", "https://accounts.google.com/o/oauth2/v2/auth?state=s1")));

    Response answer =
        given().auth().oauth2(alice).redirects().follow(false).get("/integrations/google/connect");

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.header("Location"))
        .isEqualTo("https://accounts.google.com/o/oauth2/v2/auth?state=s1");
    var seen = ConnectorStandIns.google().findAll(anyRequestedFor(anyUrl())).get(0);
    assertThat(seen.getUrl()).isEqualTo("/integrations/google/connect");
    assertThat(seen.getHeader("Authorization")).isEqualTo("Bearer " + alice);
  }
}
