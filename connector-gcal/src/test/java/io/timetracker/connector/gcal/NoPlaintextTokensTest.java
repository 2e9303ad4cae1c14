package io.timetracker.connector.gcal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class: connects, refreshes and uses tokens, then scans every table of
 * the {@code gcal} database and the whole test log (all classes wrote to it) for any token, code or
 * secret the fakes handed out.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class NoPlaintextTokensTest extends GcalTestBase {

  private static final List<String> HANDED_OUT =
      List.of(
          "ya29.a0-first",
          "ya29.a0-old",
          "ya29.a0-new",
          "ya29.a0-import",
          "ya29.a0-export",
          "ya29.a0-scan",
          "ya29.a0-scan-refreshed",
          "1//0g-refresh",
          "1//0g-import",
          "1//0g-export",
          "1//0g-scan",
          "4/0Ab-code",
          "test-client-secret");

  @Test
  void noTokenIsStoredOrLoggedInPlaintext() throws IOException {
    connect("alice", "ya29.a0-scan", "1//0g-scan");
    sql("UPDATE gcal_connection SET token_expires_at = now() + interval '1 minute'");
    GoogleFake.refreshes("ya29.a0-scan-refreshed");
    GoogleFake.google()
        .stubFor(
            get(urlPathEqualTo("/calendar/v3/users/me/calendarList"))
                .willReturn(okJson("{\"items\":[]}")));
    given()
        .auth()
        .oauth2(token("alice"))
        .post("/api/integrations/google/test")
        .then()
        .statusCode(200);
    startConsent("alice");

    String database = everyTable();
    String log = Files.readString(Path.of("target/test-logs/connector-gcal.log"));

    assertThat(database).contains("enc:v1:");
    for (String secret : HANDED_OUT) {
      assertThat(database).as("database").doesNotContain(secret);
      assertThat(log).as("log").doesNotContain(secret);
    }
  }

  private String everyTable() {
    List<String> tables = new ArrayList<>();
    await(
            pool.query(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .execute())
        .forEach(r -> tables.add(r.getString("table_name")));
    StringBuilder all = new StringBuilder();
    for (String table : tables) {
      await(pool.query("SELECT t::text AS line FROM \"" + table + "\" t").execute())
          .forEach(r -> all.append(r.getString("line")).append('\n'));
    }
    return all.toString();
  }
}
