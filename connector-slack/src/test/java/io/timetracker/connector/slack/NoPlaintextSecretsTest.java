package io.timetracker.connector.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (see junit-platform.properties) and looks for any
 * bot token or signing secret the tests handled in every row of the {@code slack} database and in
 * the test run's log file.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class NoPlaintextSecretsTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;
  private static final Path LOG = Path.of("target/test-logs/connector-slack.log");

  @Test
  void noTokenOrSigningSecretInPlaintextInTheDatabaseOrTheLog() throws Exception {
    link("alice", "U0SCAN");
    assertThat(reply(tt("U0SCAN", "help"))).contains("/tt start");
    SlackRequests.command(
            "/api/integrations/slack/commands/" + ALPHA,
            SlackRequests.command(ALPHA, "U0SCAN", "help", SlackRequests.trigger()),
            "wrong-" + ALPHA_SECRET)
        .then()
        .statusCode(401);
    Set<String> secrets = Secrets.all();

    String database = String.join("\n", everyRowAsText());
    String log = Files.exists(LOG) ? Files.readString(LOG, StandardCharsets.UTF_8) : "";

    assertThat(database).contains("enc:v1:");
    assertThat(log).isNotEmpty();
    assertThat(secrets).contains(ALPHA_TOKEN, ALPHA_SECRET, BETA_TOKEN);
    for (String s : secrets) {
      assertThat(database).as("database holds a plaintext secret").doesNotContain(s);
      assertThat(log).as("log holds a plaintext secret").doesNotContain(s);
    }
  }

  private List<String> everyRowAsText() {
    List<String> tables = new ArrayList<>();
    pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        .execute()
        .await()
        .atMost(WAIT)
        .forEach(r -> tables.add(r.getString(0)));
    assertThat(tables).contains("slack_workspace", "slack_user", "slack_command", "slack_post");
    List<String> text = new ArrayList<>();
    for (String table : tables) {
      pool.query("SELECT t::text FROM \"" + table + "\" t")
          .execute()
          .await()
          .atMost(WAIT)
          .forEach(r -> text.add(r.getString(0)));
    }
    return text;
  }
}
