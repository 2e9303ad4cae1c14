package io.timetracker.connector.slack.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.connector.slack.SlackTestBase;
import io.timetracker.connector.slack.SlackTestResources;
import io.timetracker.connector.slack.TestTokens;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LinkingTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;

  @Test
  void linkOfferCompletedBySignedInUserBindsTheSlackIdentityInTheCore() {
    String offer = reply(tt("U0BOBLINK", "link"));
    assertThat(offer).contains("https://tt.example.test/integrations/slack/link?token=");

    Response linked = complete("bob", tokenOf(offer));

    linked.then().statusCode(200);
    assertThat(linked.<String>path("settings.teamId")).isEqualTo(ALPHA);
    assertThat(linked.<String>path("settings.slackUserId")).isEqualTo("U0BOBLINK");
    assertThat(linked.<String>path("settings.timeZone")).isEqualTo("Asia/Kolkata");
    verify(core)
        .linkIdentity(
            eq(BOB),
            argThat(
                r -> r.provider().equals("slack") && r.externalId().equals(ALPHA + ":U0BOBLINK")));
  }

  @Test
  void aLinkWorksOnlyOnce() {
    String token = tokenOf(reply(tt("U0ONCE", "link")));
    complete("bob", token).then().statusCode(200);

    Response again = complete("alice", token);

    again.then().statusCode(410).contentType("application/problem+json");
    assertThat(again.<String>path("code")).isEqualTo("link_expired");
  }

  @Test
  void openingTheLinkAsTheGatewayForwardsItLinksTheSignedInUser() {
    String token = tokenOf(reply(tt("U0OPENED", "link")));

    Response r =
        given()
            .auth()
            .oauth2(TestTokens.user("bob"))
            .queryParam("token", token)
            .get("/integrations/slack/link");

    r.then().statusCode(200);
    assertThat(r.<String>path("settings.slackUserId")).isEqualTo("U0OPENED");
    given()
        .auth()
        .oauth2(TestTokens.user("bob"))
        .queryParam("token", token)
        .get("/integrations/slack/link")
        .then()
        .statusCode(410);
  }

  @Test
  void anInventedTokenLinksNobody() {
    complete("alice", "bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtMTIzNDU2Nzg5").then().statusCode(410);
  }

  @Test
  void linkNeedsASignedInUser() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", "x"))
        .post("/api/integrations/slack/link")
        .then()
        .statusCode(401);
  }

  @Test
  void settingsRejectAnImpossibleTimeWithAPreciseProblem() {
    complete("alice", tokenOf(reply(tt("U0ALICE2", "link")))).then().statusCode(200);

    Response r =
        given()
            .auth()
            .oauth2(TestTokens.user("alice"))
            .contentType(ContentType.JSON)
            .body(Map.of("channelId", "C0123", "dailySummary", true, "dailySummaryTime", "25:00"))
            .put("/api/integrations/slack/config");

    r.then().statusCode(400).contentType("application/problem+json");
    assertThat(r.<String>path("code")).isEqualTo("invalid_time");
  }

  @Test
  void savedSettingsAreShownByConfig() {
    complete("alice", tokenOf(reply(tt("U0ALICE3", "link")))).then().statusCode(200);

    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .contentType(ContentType.JSON)
        .body(Map.of("channelId", "C0123", "notifyOnStart", true, "dailySummaryTime", "07:05"))
        .put("/api/integrations/slack/config")
        .then()
        .statusCode(200);

    Response config =
        given().auth().oauth2(TestTokens.user("alice")).get("/api/integrations/slack/config");
    config.then().statusCode(200);
    assertThat(config.<String>path("settings.channelId")).isEqualTo("C0123");
    assertThat(config.<Boolean>path("settings.notifyOnStart")).isTrue();
    assertThat(config.<Boolean>path("settings.notifyOnStop")).isFalse();
    assertThat(config.<String>path("settings.dailySummaryTime")).isEqualTo("07:05");
  }

  @Test
  void statusOfSomeoneWithoutLinkIsNotConnected() {
    Response r =
        given().auth().oauth2(TestTokens.user("carol")).get("/api/integrations/slack/status");
    r.then().statusCode(200);
    assertThat(r.<Boolean>path("connected")).isFalse();
  }

  private static Response complete(String person, String token) {
    return given()
        .auth()
        .oauth2(TestTokens.user(person))
        .contentType(ContentType.JSON)
        .body(Map.of("token", token))
        .post("/api/integrations/slack/link");
  }

  private static String tokenOf(String offer) {
    Matcher m = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(offer);
    assertThat(m.find()).as("link in %s", offer).isTrue();
    return m.group(1);
  }
}
