package io.timetracker.connector.slack.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timetracker.connector.slack.KeysetResource;
import io.timetracker.connector.slack.PinnableClock;
import io.timetracker.connector.slack.SlackRequests;
import io.timetracker.connector.slack.SlackTestBase;
import io.timetracker.connector.slack.SlackTestResources;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignatureTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;
  private static final String COMMANDS = "/api/integrations/slack/commands/" + ALPHA;
  private static final byte[] CHALLENGE =
      "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"
          .getBytes(StandardCharsets.UTF_8);

  @Inject PinnableClock clock;
  private Instant now;

  @BeforeEach
  void pinTheClock() {
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    clock.pin(now);
  }

  @AfterEach
  void releaseTheClock() {
    clock.release();
  }

  @Test
  void rejectsATimestamp301SecondsOld() {
    Response r = signedAt(now.getEpochSecond() - 301);

    r.then().statusCode(401).contentType("application/problem+json");
    assertThat(r.<String>path("code")).isEqualTo("invalid_signature");
    verify(core, never()).startTimer(anyLong(), any());
  }

  @Test
  void rejectsATimestamp301SecondsInTheFuture() {
    signedAt(now.getEpochSecond() + 301).then().statusCode(401);
  }

  @Test
  void acceptsATimestampExactlyFiveMinutesOld() {
    signedAt(now.getEpochSecond() - 300).then().statusCode(200);
  }

  @Test
  void rejectsASignatureMadeWithAnotherSecret() {
    byte[] body = SlackRequests.command(ALPHA, "U0ALICE", "help", SlackRequests.trigger());
    SlackRequests.command(COMMANDS, body, "not-the-secret").then().statusCode(401);
  }

  @Test
  void rejectsAnUnsignedCommand() {
    given()
        .config(SlackRequests.FORM)
        .contentType("application/x-www-form-urlencoded")
        .body(SlackRequests.command(ALPHA, "U0ALICE", "help", SlackRequests.trigger()))
        .post(COMMANDS)
        .then()
        .statusCode(401);
  }

  @Test
  void rejectsAWorkspaceSecretVouchingForAnotherTeam() {
    byte[] body = SlackRequests.command(BETA, "U0ALICE", "help", SlackRequests.trigger());
    SlackRequests.command(COMMANDS, body, ALPHA_SECRET).then().statusCode(401);
  }

  @Test
  void answersCommandsSignedWithTheAppSecretOnTheSharedUrl() {
    byte[] body = SlackRequests.command(BETA, "U0BOB", "help", SlackRequests.trigger());
    Response r =
        SlackRequests.command(
            "/api/integrations/slack/commands", body, KeysetResource.APP_SIGNING_SECRET);
    assertThat(reply(r)).contains("/tt start");
  }

  @Test
  void answersACommandSentToTheEventsUrlLikeOnTheCommandsUrl() {
    byte[] body = SlackRequests.command(BETA, "U0BOB", "help", SlackRequests.trigger());
    Response r =
        SlackRequests.command(
            "/api/integrations/slack/events", body, KeysetResource.APP_SIGNING_SECRET);
    assertThat(reply(r)).contains("/tt start");
    assertThat(r.<String>path("response_type")).isEqualTo("ephemeral");
  }

  @Test
  void answersASignedUrlVerificationWithItsChallenge() {
    Response r =
        SlackRequests.post(
            "/api/integrations/slack/events",
            "application/json",
            CHALLENGE,
            KeysetResource.APP_SIGNING_SECRET,
            now.getEpochSecond());

    r.then().statusCode(200);
    assertThat(r.<String>path("challenge"))
        .isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  }

  @Test
  void rejectsAnUnsignedUrlVerification() {
    given()
        .contentType("application/json")
        .body(CHALLENGE)
        .post("/api/integrations/slack/events")
        .then()
        .statusCode(401);
  }

  @Test
  void refusesABodyOverTheCapBeforeReadingIt() {
    byte[] big = new byte[70_000];
    java.util.Arrays.fill(big, (byte) 'a');
    SlackRequests.command(COMMANDS, big, ALPHA_SECRET).then().statusCode(413);
  }

  private Response signedAt(long timestamp) {
    byte[] body = SlackRequests.command(ALPHA, "U0ALICE", "start 3", SlackRequests.trigger());
    return SlackRequests.post(
        COMMANDS, "application/x-www-form-urlencoded", body, ALPHA_SECRET, timestamp);
  }
}
