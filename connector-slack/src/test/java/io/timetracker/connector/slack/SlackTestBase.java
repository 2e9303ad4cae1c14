package io.timetracker.connector.slack;

import static io.restassured.RestAssured.given;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.InjectMock;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.IdentityDto;
import io.timetracker.contracts.api.LinkIdentityRequest;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.UserDto;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the service-level tests: the core's typed client is a mock (the flow against the
 * real timer-service, Kafka and Keycloak runs in deploy/local/e2e-slack.sh); users alice (11, in
 * Europe/Brussels), bob (12, in Asia/Kolkata) and the admin (1); workspace {@code T0ALPHA}
 * registered with its own app's signing secret, workspace {@code T0BETA} using the app's.
 */
public abstract class SlackTestBase {

  protected static final long ADMIN = 1;
  protected static final long ALICE = 11;
  protected static final long BOB = 12;
  protected static final String ALPHA = "T0ALPHA";
  protected static final String BETA = "T0BETA";
  protected static final String ALPHA_SECRET = Secrets.seen("alpha-signing-secret-8d41b0");
  protected static final String ALPHA_TOKEN = Secrets.seen("xoxb-" + "1111-2222-alphaTokenValue42");
  protected static final String BETA_TOKEN = Secrets.seen("xoxb-" + "3333-4444-betaTokenValue77");
  protected static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile("token=([A-Za-z0-9_-]+)");

  @InjectMock protected TimerService core;
  @Inject protected Pool pool;

  @BeforeEach
  void stubCoreUsersAndRegisterWorkspaces() {
    when(core.me(anyString()))
        .thenAnswer(inv -> Uni.createFrom().item(user(subjectOf(inv.getArgument(0)))));
    when(core.linkIdentity(anyLong(), any()))
        .thenAnswer(
            inv -> {
              LinkIdentityRequest r = inv.getArgument(1);
              IdentityDto id =
                  new IdentityDto(
                      7,
                      inv.getArgument(0),
                      r.provider(),
                      r.externalId(),
                      r.displayName(),
                      "connector-slack",
                      Instant.now());
              return Uni.createFrom().item(new TimerService.Upserted<>(id, true));
            });
    when(core.unlinkIdentity(anyLong(), anyString(), anyString()))
        .thenReturn(Uni.createFrom().voidItem());
    register(ALPHA, ALPHA_TOKEN, ALPHA_SECRET).then().statusCode(201);
    register(BETA, BETA_TOKEN, null).then().statusCode(201);
  }

  /** An admin registers a workspace's app. */
  protected static Response register(String team, String token, String secret) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("teamId", team);
    body.put("botToken", token);
    if (secret != null) {
      body.put("signingSecret", secret);
    }
    return given()
        .auth()
        .oauth2(TestTokens.admin("admin"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/integrations/slack/workspaces");
  }

  /** Runs {@code /tt <text>} in workspace alpha as a Slack user, signed as Slack does. */
  protected static Response tt(String slackUser, String text) {
    return tt(slackUser, text, SlackRequests.trigger());
  }

  /** The same with a given trigger id. */
  protected static Response tt(String slackUser, String text, String trigger) {
    return SlackRequests.command(
        "/api/integrations/slack/commands/" + ALPHA,
        SlackRequests.command(ALPHA, slackUser, text, trigger),
        ALPHA_SECRET);
  }

  /** The reply text of a command answered 200. */
  protected static String reply(Response r) {
    r.then().statusCode(200);
    return r.path("text");
  }

  /** Links a Slack person of alpha to a TimeTracker user the way people do it. */
  protected static void link(String person, String slackUser) {
    String offer = reply(tt(slackUser, "link"));
    Matcher m = LINK.matcher(offer);
    if (!m.find()) {
      throw new AssertionError("no link in: " + offer);
    }
    given()
        .auth()
        .oauth2(TestTokens.user(person))
        .contentType(ContentType.JSON)
        .body(Map.of("token", m.group(1)))
        .post("/api/integrations/slack/link")
        .then()
        .statusCode(200);
  }

  protected static UserDto user(long id) {
    String name = id == ALICE ? "alice" : id == BOB ? "bob" : "admin";
    String zone = id == ALICE ? "Europe/Brussels" : id == BOB ? "Asia/Kolkata" : "UTC";
    return new UserDto(
        id, name, name + "@example.test", name, "user", zone, 0, "nearest", null, true);
  }

  protected static ProjectDto project(long id, String name) {
    return new ProjectDto(id, 1, name, "P" + id, "active", true, BigDecimal.ZERO);
  }

  protected static List<ProjectDto> projects(ProjectDto... ps) {
    return List.of(ps);
  }

  private static UserDto user(String subject) {
    return switch (subject) {
      case "sub-alice" -> user(ALICE);
      case "sub-bob" -> user(BOB);
      default -> user(ADMIN);
    };
  }

  private static String subjectOf(String jwt) {
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
      return claims.path("sub").asText();
    } catch (Exception e) {
      throw new IllegalArgumentException("not a JWT");
    }
  }
}
