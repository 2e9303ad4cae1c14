package io.timetracker.connector.slack.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.connector.slack.KeysetResource;
import io.timetracker.connector.slack.Secrets;
import io.timetracker.connector.slack.SlackApiResource;
import io.timetracker.connector.slack.SlackRequests;
import io.timetracker.connector.slack.SlackTestResources;
import io.timetracker.connector.slack.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Add to Slack" against a WireMock {@code oauth.v2.access}: the install redirect, the state taken
 * back once, the code exchanged with the app's client credentials, the bot token stored encrypted.
 */
@QuarkusTest
class SlackInstallTest {

  private static final Class<?> RESOURCES = SlackTestResources.class;
  private static final String EXCHANGE = "/api/oauth.v2.access";

  @Inject Pool pool;

  private final WireMockServer slack = SlackApiResource.server();

  @BeforeEach
  void forgetExchanges() {
    slack.resetRequests();
  }

  @Test
  void installRedirectsToSlacksAuthorizePageWithClientIdScopesStateAndCallback() {
    Response r = install("alice");

    r.then().statusCode(303);
    URI location = URI.create(r.header("Location"));
    assertThat(location.getScheme() + "://" + location.getHost() + location.getPath())
        .isEqualTo("https://slack.example.test/oauth/v2/authorize");
    Map<String, String> query = query(location);
    assertThat(query)
        .containsEntry("client_id", "1234.5678")
        .containsEntry("scope", "commands,chat:write,chat:write.public")
        .containsEntry("redirect_uri", "https://tt.example.test/integrations/slack/oauth/callback");
    assertThat(query.get("state")).hasSizeGreaterThan(20);
  }

  @Test
  void callbackExchangesTheCodeOnceAndStoresTheBotTokenEncrypted() {
    String token = Secrets.seen("xoxb-" + "5555-6666-gammaInstalledToken");
    stubExchange("code-gamma", "T0GAMMA", token);
    String state = stateOf(install("alice"));

    Response done = callback("alice", state, "code-gamma");

    done.then().statusCode(303);
    assertThat(done.header("Location"))
        .isEqualTo("https://tt.example.test/integrations?slack=installed&team=T0GAMMA");
    slack.verify(
        1,
        postRequestedFor(urlEqualTo(EXCHANGE))
            .withRequestBody(containing("client_id=1234.5678"))
            .withRequestBody(containing("client_secret=" + KeysetResource.APP_CLIENT_SECRET))
            .withRequestBody(containing("code=code-gamma")));
    Row row = workspace("T0GAMMA");
    assertThat(row.getString("bot_token")).startsWith("enc:v1:").doesNotContain(token);
    assertThat(row.getString("signing_secret")).isNull();
    assertThat(row.getString("origin")).isEqualTo("oauth");
    assertThat(row.getString("bot_user_id")).isEqualTo("U0BOTGAMMA");
  }

  @Test
  void aReusedStateIsRefusedWithoutASecondExchange() {
    stubExchange("code-delta", "T0DELTA", Secrets.seen("xoxb-" + "7777-8888-deltaInstalledToken"));
    String state = stateOf(install("alice"));
    callback("alice", state, "code-delta").then().statusCode(303);

    Response again = callback("alice", state, "code-delta");

    again.then().statusCode(400).contentType("application/problem+json");
    assertThat(again.<String>path("code")).isEqualTo("invalid_state");
    slack.verify(1, postRequestedFor(urlEqualTo(EXCHANGE)));
  }

  @Test
  void anUnknownStateIsRefusedWithoutExchangeOrWrite() {
    stubExchange("code-eps", "T0EPSILON", Secrets.seen("xoxb-" + "9999-0000-epsInstalledToken"));

    Response r = callback("alice", "bm90LWlzc3VlZC1ieS11cy0xMjM0NTY3ODkw", "code-eps");

    r.then().statusCode(400).contentType("application/problem+json");
    assertThat(r.<String>path("code")).isEqualTo("invalid_state");
    slack.verify(0, postRequestedFor(urlEqualTo(EXCHANGE)));
    assertThat(workspaceCount("T0EPSILON")).isZero();
  }

  @Test
  void aStateStartedBySomeoneElseIsRefusedWithoutExchangeOrWrite() {
    stubExchange("code-zeta", "T0ZETA", Secrets.seen("xoxb-" + "1212-3434-zetaInstalledToken"));
    String state = stateOf(install("alice"));

    Response r = callback("bob", state, "code-zeta");

    r.then().statusCode(400);
    assertThat(r.<String>path("code")).isEqualTo("invalid_state");
    slack.verify(0, postRequestedFor(urlEqualTo(EXCHANGE)));
    assertThat(workspaceCount("T0ZETA")).isZero();
  }

  @Test
  void aCodeSlackRefusesIsA400NamingSlacksError() {
    slack.stubFor(
        post(urlEqualTo(EXCHANGE))
            .withRequestBody(containing("code=code-bad"))
            .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_code\"}")));
    String state = stateOf(install("alice"));

    Response r = callback("alice", state, "code-bad");

    r.then().statusCode(400);
    assertThat(r.<String>path("code")).isEqualTo("oauth_exchange_failed");
    assertThat(r.<String>path("detail")).contains("invalid_code");
  }

  @Test
  void anInstalledWorkspaceIsServedWithTheAppsSigningSecret() {
    stubExchange("code-eta", "T0ETA", Secrets.seen("xoxb-" + "5656-7878-etaInstalledToken"));
    callback("alice", stateOf(install("alice")), "code-eta").then().statusCode(303);

    Response r =
        SlackRequests.command(
            "/api/integrations/slack/commands",
            SlackRequests.command("T0ETA", "U0SOMEONE", "status", SlackRequests.trigger()),
            KeysetResource.APP_SIGNING_SECRET);

    r.then().statusCode(200);
    assertThat(r.<String>path("text")).contains("not linked");
  }

  private static Response install(String person) {
    return given()
        .auth()
        .oauth2(TestTokens.user(person))
        .redirects()
        .follow(false)
        .get("/integrations/slack/install");
  }

  private static Response callback(String person, String state, String code) {
    return given()
        .auth()
        .oauth2(TestTokens.user(person))
        .redirects()
        .follow(false)
        .queryParam("state", state)
        .queryParam("code", code)
        .get("/integrations/slack/oauth/callback");
  }

  private void stubExchange(String code, String team, String token) {
    slack.stubFor(
        post(urlEqualTo(EXCHANGE))
            .withRequestBody(containing("code=" + code))
            .willReturn(
                okJson(
                    "{\"ok\":true,\"app_id\":\"A0TT\",\"token_type\":\"bot\",\"access_token\":\""
                        + token
                        + "\",\"scope\":\"commands,chat:write\",\"bot_user_id\":\"U0BOT"
                        + team.substring(2)
                        + "\",\"team\":{\"id\":\""
                        + team
                        + "\",\"name\":\"Gamma\"}}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String stateOf(Response install) {
    install.then().statusCode(303);
    return query(URI.create(install.header("Location"))).get("state");
  }

  private static Map<String, String> query(URI uri) {
    return Arrays.stream(uri.getRawQuery().split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> p[0],
                p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
  }

  private Row workspace(String team) {
    return pool.preparedQuery("SELECT * FROM slack_workspace WHERE team_id = $1")
        .execute(Tuple.of(team))
        .await()
        .indefinitely()
        .iterator()
        .next();
  }

  private long workspaceCount(String team) {
    return pool.preparedQuery("SELECT count(*) AS n FROM slack_workspace WHERE team_id = $1")
        .execute(Tuple.of(team))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong("n");
  }
}
