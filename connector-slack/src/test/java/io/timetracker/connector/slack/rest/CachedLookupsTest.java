package io.timetracker.connector.slack.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.cache.TableCaches;
import io.timetracker.connector.slack.SlackRequests;
import io.timetracker.connector.slack.SlackTestBase;
import io.timetracker.connector.slack.SlackTestResources;
import io.timetracker.connector.slack.TestTokens;
import io.timetracker.connector.slack.service.WorkspaceSecrets;
import io.timetracker.contracts.api.TimerStatusDto;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace (with its decrypted signing secret) and the Slack person's link are read from the
 * kit's row caches, yet every change counts from the next request on: a removed workspace, a
 * signing secret changed by another replica (straight in the table, so only the trigger's notice
 * tells this one), an unlinked person.
 */
@QuarkusTest
class CachedLookupsTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;
  private static final String GAMMA = "T0GAMMA";
  private static final String DELTA = "T0DELTA";

  @Inject WorkspaceSecrets secrets;
  @Inject TableCaches caches;

  @BeforeEach
  void coreAnswersStatus() {
    when(core.timer(anyLong()))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(false, null, null, null)));
    Awaitility.await().atMost(WAIT).until(caches::listening);
  }

  @Test
  void aRemovedWorkspaceIsRefusedFromTheNextRequestOn() {
    String secret = "gamma-signing-secret-" + System.nanoTime();
    register(GAMMA, "xoxb-" + "5555-6666-gammaTokenValue", secret).then().statusCode(201);
    assertThat(command(GAMMA, secret).statusCode()).isEqualTo(200);
    assertThat(command(GAMMA, secret).statusCode()).isEqualTo(200);

    given()
        .auth()
        .oauth2(TestTokens.admin("admin"))
        .delete("/api/integrations/slack/workspaces/" + GAMMA)
        .then()
        .statusCode(204);

    assertThat(command(GAMMA, secret).statusCode()).isEqualTo(401);
  }

  @Test
  void aSigningSecretChangedByAnotherReplicaCountsOnceItsNoticeArrives() {
    String before = "delta-signing-secret-a-" + System.nanoTime();
    String after = "delta-signing-secret-b-" + System.nanoTime();
    register(DELTA, "xoxb-" + "7777-8888-deltaTokenValue", before).then().statusCode(201);
    assertThat(command(DELTA, before).statusCode()).isEqualTo(200);

    // another replica's write: straight in the table, nothing in this replica is told but the
    // trigger's NOTIFY
    pool.preparedQuery("UPDATE slack_workspace SET signing_secret = $2 WHERE team_id = $1")
        .execute(Tuple.of(DELTA, secrets.encryptSigningSecret(DELTA, after)))
        .await()
        .indefinitely();

    Awaitility.await().atMost(WAIT).until(() -> command(DELTA, after).statusCode() == 200);
    assertThat(command(DELTA, before).statusCode()).isEqualTo(401);
  }

  @Test
  void anUnlinkedPersonIsNotLinkedFromTheNextCommandOn() {
    link("bob", "U0CACHEBOB");
    assertThat(reply(tt("U0CACHEBOB", "status"))).isEqualTo("No active timer.");
    assertThat(reply(tt("U0CACHEBOB", "status"))).isEqualTo("No active timer.");

    given()
        .auth()
        .oauth2(TestTokens.user("bob"))
        .delete("/api/integrations/slack/config")
        .then()
        .statusCode(204);

    assertThat(reply(tt("U0CACHEBOB", "status"))).contains("not linked");
  }

  private static Response command(String team, String secret) {
    return SlackRequests.command(
        "/api/integrations/slack/commands/" + team,
        SlackRequests.command(team, "U0NOBODY", "help", SlackRequests.trigger()),
        secret);
  }
}
