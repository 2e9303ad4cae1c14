package io.timetracker.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.gateway.GatewayTestBase;
import io.timetracker.gateway.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The Personal connectors page: one card per connector in the configured order for a signed-in
 * person; without a session the browser is sent to sign in.
 */
@QuarkusTest
class PageTest extends GatewayTestBase {

  @Test
  void signedInPersonGetsOneCardPerConnector() {
    Response page = given().auth().oauth2(TestTokens.user("alice")).get("/integrations");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    String html = page.asString();
    assertThat(html).contains("Signed in as <strong id=\"person\">alice</strong>");
    assertThat(html.indexOf("id=\"card-github\""))
        .isPositive()
        .isLessThan(html.indexOf("id=\"card-google\""));
    assertThat(html.indexOf("id=\"card-google\"")).isLessThan(html.indexOf("id=\"card-slack\""));
    assertThat(html)
        .contains("id=\"github-webhook-secret\"")
        .contains("/integrations/google/connect");
  }

  @Test
  void withoutSignInTheBrowserIsSentToTheIdentityProvider() {
    Response page = given().redirects().follow(false).get("/integrations");

    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.header("Location"))
        .contains("response_type=code")
        .contains("client_id=integration-gateway")
        .contains("code_challenge_method=S256");
  }

  @Test
  void slackLinkPageAsksTheSignedInPersonToConfirmTheirToken() {
    Response page =
        given().auth().oauth2(TestTokens.user("bob")).get("/integrations/slack/link?token=lnk-123");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString())
        .contains("value=\"lnk-123\"")
        .contains("Use /tt in Slack as bob?")
        .contains("/assets/slack-link.js");
  }

  @Test
  void scriptAndStylesAreServed() {
    assertThat(given().get("/assets/integrations.js").statusCode()).isEqualTo(200);
    assertThat(given().get("/assets/integrations.css").statusCode()).isEqualTo(200);
  }
}
