package io.timetracker.connector.gcal.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.timetracker.connector.gcal.GoogleFake.google;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.connector.gcal.GcalTestBase;
import io.timetracker.connector.gcal.GoogleFake;
import io.timetracker.connector.kit.oauth.Pkce;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OAuthFlowTest extends GcalTestBase {

  private static final String CALENDARS =
      "{\"kind\":\"calendar#calendarList\",\"items\":[{\"id\":\"primary\",\"summary\":\"Alice\","
          + "\"primary\":true},{\"id\":\"team@group.calendar.google.com\",\"summary\":\"Team\"}]}";

  @Test
  void connectRedirectsToGoogleWithStatePkceAndOfflineAccess() {
    Map<String, String> consent = startConsent("alice");

    assertThat(consent)
        .containsEntry("client_id", "test-client.apps.googleusercontent.com")
        .containsEntry("redirect_uri", "https://tt.example.test/integrations/google/callback")
        .containsEntry("response_type", "code")
        .containsEntry("access_type", "offline")
        .containsEntry("prompt", "consent")
        .containsEntry("code_challenge_method", "S256");
    assertThat(consent.get("scope")).contains("https://www.googleapis.com/auth/calendar.events");
    assertThat(consent.get("state")).hasSizeGreaterThanOrEqualTo(32);
    assertThat(consent.get("code_challenge")).hasSize(43);
  }

  @Test
  void connectAnswersTheUrlAsJsonForAPage() {
    given()
        .auth()
        .oauth2(token("alice"))
        .accept("application/json")
        .get("/integrations/google/connect")
        .then()
        .statusCode(200)
        .body("authorizationUrl", org.hamcrest.Matchers.containsString("code_challenge="));
  }

  @Test
  void connectNeedsASignedInPerson() {
    given().redirects().follow(false).get("/integrations/google/connect").then().statusCode(401);
  }

  @Test
  void callbackSwapsTheCodeWithTheVerifierAndStoresTokensEncrypted() {
    Map<String, String> consent = startConsent("alice");
    GoogleFake.acceptsCode(
        "4/0Ab-code", consent.get("code_challenge"), "ya29.a0-first", "1//0g-refresh");

    Response r = callback(consent.get("state"), "4/0Ab-code");

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.header("Location"))
        .isEqualTo("https://tt.example.test/integrations?google=connected");
    List<LoggedRequest> exchanges = google().findAll(postRequestedFor(urlPathEqualTo("/token")));
    assertThat(exchanges).hasSize(1);
    Map<String, String> form = GoogleFake.form(exchanges.get(0).getBodyAsString());
    assertThat(Pkce.s256(form.get("code_verifier"))).isEqualTo(consent.get("code_challenge"));
    assertThat(form)
        .containsEntry("redirect_uri", "https://tt.example.test/integrations/google/callback");
    Map<String, Object> row = row("SELECT * FROM gcal_connection");
    assertThat(row.get("active")).isEqualTo(true);
    assertThat((String) row.get("access_token"))
        .startsWith("enc:v1:")
        .doesNotContain("ya29.a0-first");
    assertThat((String) row.get("refresh_token"))
        .startsWith("enc:v1:")
        .doesNotContain("1//0g-refresh");
    assertThat(row.get("google_subject")).isEqualTo("1093847562");
    assertThat(row.get("email")).isEqualTo("alice@gmail.test");
    assertThat(row("SELECT count(*) AS n FROM connector_job").get("n")).isEqualTo(1L);
  }

  @Test
  void wrongStateMakesNoCodeExchange() {
    startConsent("alice");

    Response r = callback("not-the-state", "4/0Ab-code");

    assertThat(r.header("Location")).endsWith("?google=error&reason=invalid_state");
    google().verify(0, postRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void missingStateMakesNoCodeExchange() {
    startConsent("alice");

    Response r =
        given()
            .redirects()
            .follow(false)
            .queryParam("code", "x")
            .get("/integrations/google/callback");

    assertThat(r.header("Location")).endsWith("?google=error&reason=invalid_state");
    google().verify(0, postRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void reusedStateMakesNoSecondCodeExchange() {
    Map<String, String> consent = startConsent("alice");
    GoogleFake.acceptsCode(
        "4/0Ab-code", consent.get("code_challenge"), "ya29.a0-first", "1//0g-refresh");
    callback(consent.get("state"), "4/0Ab-code");

    Response again = callback(consent.get("state"), "4/0Ab-code");

    assertThat(again.header("Location")).endsWith("?google=error&reason=invalid_state");
    google().verify(1, postRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void verifierOfAnotherConsentIsRefusedByGoogle() {
    Map<String, String> first = startConsent("alice");
    Map<String, String> second = startConsent("alice");
    GoogleFake.acceptsCode(
        "4/0Ab-code", second.get("code_challenge"), "ya29.a0-first", "1//0g-refresh");

    Response r = callback(first.get("state"), "4/0Ab-code");

    assertThat(r.header("Location")).endsWith("?google=error&reason=exchange_failed");
    assertThat(row("SELECT active FROM gcal_connection").get("active")).isEqualTo(false);
  }

  @Test
  void deniedConsentIsReportedWithoutExchange() {
    Map<String, String> consent = startConsent("alice");

    Response r =
        given()
            .redirects()
            .follow(false)
            .queryParam("state", consent.get("state"))
            .queryParam("error", "access_denied")
            .get("/integrations/google/callback");

    assertThat(r.header("Location")).endsWith("?google=error&reason=access_denied");
    google().verify(0, postRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void tokenExpiringInFourMinutesIsRefreshedBeforeTheCall() {
    connect("alice", "ya29.a0-old", "1//0g-refresh");
    sql("UPDATE gcal_connection SET token_expires_at = now() + interval '4 minutes'");
    GoogleFake.refreshes("ya29.a0-new");
    google()
        .stubFor(
            get(urlPathEqualTo("/calendar/v3/users/me/calendarList"))
                .willReturn(okJson(CALENDARS)));

    given()
        .auth()
        .oauth2(token("alice"))
        .post("/api/integrations/google/test")
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.is(true))
        .body("message", org.hamcrest.Matchers.is("Connected (2 calendars)"));

    google().verify(1, postRequestedFor(urlPathEqualTo("/token")));
    google()
        .verify(
            getRequestedFor(anyUrl())
                .withHeader("Authorization", GoogleFake.bearer("ya29.a0-new")));
    Map<String, Object> row =
        row(
            "SELECT access_token, token_expires_at > now() + interval '50 minutes' AS fresh FROM gcal_connection");
    assertThat(row.get("fresh")).isEqualTo(true);
    assertThat((String) row.get("access_token")).doesNotContain("ya29");
  }

  @Test
  void tokenExpiringInTenMinutesIsNotRefreshed() {
    connect("alice", "ya29.a0-old", "1//0g-refresh");
    sql("UPDATE gcal_connection SET token_expires_at = now() + interval '10 minutes'");
    google()
        .stubFor(
            get(urlPathEqualTo("/calendar/v3/users/me/calendarList"))
                .willReturn(okJson(CALENDARS)));

    given()
        .auth()
        .oauth2(token("alice"))
        .post("/api/integrations/google/test")
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.is(true));

    google().verify(0, postRequestedFor(urlPathEqualTo("/token")));
    google()
        .verify(
            getRequestedFor(anyUrl())
                .withHeader("Authorization", GoogleFake.bearer("ya29.a0-old")));
  }

  @Test
  void invalidGrantMeansReconnectNeeded() {
    connect("alice", "ya29.a0-old", "1//0g-refresh");
    sql("UPDATE gcal_connection SET token_expires_at = now() - interval '1 minute'");
    GoogleFake.refusesRefresh();

    given()
        .auth()
        .oauth2(token("alice"))
        .post("/api/integrations/google/test")
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.is(false))
        .body("message", org.hamcrest.Matchers.startsWith("Reconnect needed"));
    given()
        .auth()
        .oauth2(token("alice"))
        .post("/api/integrations/google/test")
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.is(false));

    google().verify(1, postRequestedFor(urlPathEqualTo("/token")));
    given()
        .auth()
        .oauth2(token("alice"))
        .get("/api/integrations/google/status")
        .then()
        .statusCode(200)
        .body("health.state", org.hamcrest.Matchers.is("down"))
        .body("health.detail", org.hamcrest.Matchers.startsWith("Reconnect needed"));
    given()
        .auth()
        .oauth2(token("alice"))
        .get("/api/integrations/google/status/details")
        .then()
        .statusCode(200)
        .body("reconnectNeeded", org.hamcrest.Matchers.is(true));
  }

  @Test
  void disconnectRevokesInTheBodyAndWipesTokensButKeepsSettings() {
    connect("alice", "ya29.a0-old", "1//0g-refresh");
    sql("UPDATE gcal_connection SET direction = 'both', days_back = 14");
    GoogleFake.revokes();

    given()
        .auth()
        .oauth2(token("alice"))
        .post("/integrations/google/disconnect")
        .then()
        .statusCode(204);

    List<LoggedRequest> revokes = google().findAll(postRequestedFor(urlPathEqualTo("/revoke")));
    assertThat(revokes).hasSize(1);
    assertThat(revokes.get(0).getUrl()).doesNotContain("1//0g-refresh");
    assertThat(GoogleFake.form(revokes.get(0).getBodyAsString()))
        .containsEntry("token", "1//0g-refresh");
    Map<String, Object> row = row("SELECT * FROM gcal_connection");
    assertThat(row.get("access_token")).isNull();
    assertThat(row.get("refresh_token")).isNull();
    assertThat(row.get("active")).isEqualTo(false);
    assertThat(row.get("direction")).isEqualTo("both");
    assertThat(row.get("days_back")).isEqualTo(14);
  }

  private static Response callback(String state, String code) {
    return given()
        .redirects()
        .follow(false)
        .queryParam("state", state)
        .queryParam("code", code)
        .get("/integrations/google/callback");
  }
}
