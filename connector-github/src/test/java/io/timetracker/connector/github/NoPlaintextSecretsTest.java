package io.timetracker.connector.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (see junit-platform.properties) and looks for any
 * webhook secret or GitHub token plaintext the tests handled in every row of the {@code github}
 * database and in the test run's log file.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class NoPlaintextSecretsTest extends ConnectorTestBase {

  private static final Class<?> RESOURCES = GithubTestResources.class;
  private static final Path LOG = Path.of("target/test-logs/connector-github.log");

  @Test
  void noSecretOrTokenPlaintextInTheDatabaseOrTheLog() throws Exception {
    String token = Secrets.seen("ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2");
    var created = create("alice", "octo/scan", Map.of("token", token, "defaultProjectId", 100));
    assertThat(created.statusCode()).isEqualTo(201);
    String secret = created.path("webhookSecret");
    byte[] body = Deliveries.issue("opened", "octo/scan", 1, "scan", List.of(), null);
    deliver(
            hook(created.path("connection.id")),
            "issues",
            Deliveries.newId(),
            body,
            Deliveries.sign(secret, body))
        .then()
        .statusCode(202);
    deliver(
            hook(created.path("connection.id")),
            "issues",
            Deliveries.newId(),
            body,
            Deliveries.sign("wrong-" + secret, body))
        .then()
        .statusCode(401);
    Set<String> secrets = Secrets.all();

    String database = String.join("\n", everyRowAsText());
    String log = Files.exists(LOG) ? Files.readString(LOG, StandardCharsets.UTF_8) : "";

    assertThat(database).contains("enc:v1:");
    assertThat(log).isNotEmpty();
    for (String s : secrets) {
      assertThat(database).as("database holds a plaintext secret").doesNotContain(s);
      assertThat(log).as("log holds a plaintext secret").doesNotContain(s);
    }
  }

  private List<String> everyRowAsText() {
    List<String> tables =
        pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            .execute()
            .map(
                rows -> {
                  List<String> l = new ArrayList<>();
                  rows.forEach(r -> l.add(r.getString(0)));
                  return l;
                })
            .await()
            .atMost(WAIT);
    assertThat(tables).contains("github_connection", "inbox_delivery", "github_effect");
    List<String> text = new ArrayList<>();
    for (String table : tables) {
      pool.query("SELECT t::text FROM \"" + table + "\" t")
          .execute()
          .await()
          .atMost(WAIT)
          .forEach(r -> text.add(r.getString(0)));
    }
    // payloads are bytea (hex in row text): read them as UTF-8 too
    pool.query("SELECT convert_from(payload, 'UTF8') FROM inbox_delivery")
        .execute()
        .await()
        .atMost(WAIT)
        .forEach((Row r) -> text.add(r.getString(0)));
    return text;
  }
}
