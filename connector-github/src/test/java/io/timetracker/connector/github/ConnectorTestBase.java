package io.timetracker.connector.github;

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
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.UserDto;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the service-level tests: the core's typed client is a mock (the acceptance flow
 * against the real timer-service runs in deploy/local/e2e-github.sh); users alice (11), bob (12)
 * and carol (13); project 100 is alice's and bob's, 200 only bob's.
 */
public abstract class ConnectorTestBase {

  protected static final long ALICE = 11;
  protected static final long BOB = 12;
  protected static final long CAROL = 13;
  protected static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @InjectMock protected TimerService core;
  @Inject protected Pool pool;

  @BeforeEach
  void stubCoreUsers() {
    when(core.me(anyString()))
        .thenAnswer(inv -> Uni.createFrom().item(user(subjectOf(inv.getArgument(0)))));
    when(core.allowedProjects(anyLong(), any()))
        .thenAnswer(
            inv -> {
              long id = inv.getArgument(0);
              List<ProjectDto> projects =
                  id == BOB ? List.of(project(100), project(200)) : List.of(project(100));
              return Uni.createFrom().item(projects);
            });
  }

  /**
   * The core as delivery processing meets it: upserts answer a task ({@link CoreFakes}), no timer
   * runs, a start answers its entry, and the logins {@code alice-gh}, {@code bob-gh} and {@code
   * carol-gh} belong to alice, bob and carol (any other login to nobody).
   */
  protected void stubCoreForDeliveries() {
    when(core.upsertTask(anyLong(), any()))
        .thenAnswer(inv -> Uni.createFrom().item(CoreFakes.task(inv.getArgument(1))));
    when(core.timer(anyLong()))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(false, null, null, null)));
    when(core.startTimer(anyLong(), any()))
        .thenAnswer(
            inv -> Uni.createFrom().item(CoreFakes.entry(inv.getArgument(0), inv.getArgument(1))));
    when(core.userByGithubLogin(anyString())).thenReturn(Uni.createFrom().item(Optional.empty()));
    for (long id : new long[] {ALICE, BOB, CAROL}) {
      UserDto u = user(id);
      when(core.userByGithubLogin(u.githubUsername()))
          .thenReturn(Uni.createFrom().item(Optional.of(u)));
    }
  }

  /** Creates a connection as {@code user}; answers the created JSON (secret remembered). */
  protected static Response create(String user, String repo, Map<String, Object> settings) {
    Map<String, Object> body = new java.util.HashMap<>(settings);
    body.put("repository", repo);
    if (body.get("token") instanceof String t) {
      Secrets.seen(t);
    }
    Response r =
        given()
            .auth()
            .oauth2(TestTokens.user(user))
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/integrations/github/connections");
    if (r.statusCode() == 201) {
      Secrets.seen(r.path("webhookSecret"));
    }
    return r;
  }

  /** Sends a delivery the way GitHub does. */
  protected static Response deliver(
      String url, String event, String deliveryId, byte[] body, String signature) {
    var spec =
        given()
            .header("User-Agent", "GitHub-Hookshot/044aadd")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Hook-ID", "292430182")
            .header("X-GitHub-Hook-Installation-Target-Type", "repository")
            .contentType(ContentType.JSON)
            .body(body);
    if (deliveryId != null) {
      spec.header("X-GitHub-Delivery", deliveryId);
    }
    if (signature != null) {
      spec.header("X-Hub-Signature-256", signature);
    }
    return spec.post(url);
  }

  /** Path of a connection's webhook. */
  protected static String hook(String connectionId) {
    return "/api/integrations/github/webhook/" + connectionId;
  }

  /** Rows of the inbox for a GitHub delivery id. */
  protected long inboxRows(String deliveryId) {
    return pool.preparedQuery("SELECT count(*) FROM inbox_delivery WHERE delivery_id = $1")
        .execute(Tuple.of(deliveryId))
        .map(rows -> rows.iterator().next().getLong(0))
        .await()
        .atMost(WAIT);
  }

  /** The ordering key stored with a GitHub delivery. */
  protected String deliveryKey(String deliveryId) {
    return pool.preparedQuery("SELECT delivery_key FROM inbox_delivery WHERE delivery_id = $1")
        .execute(Tuple.of(deliveryId))
        .map(rows -> rows.iterator().next().getString(0))
        .await()
        .atMost(WAIT);
  }

  /** All inbox rows. */
  protected long inboxRows() {
    return pool.query("SELECT count(*) FROM inbox_delivery")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .await()
        .atMost(WAIT);
  }

  protected static UserDto user(long id) {
    String name = id == ALICE ? "alice" : id == BOB ? "bob" : "carol";
    return new UserDto(
        id, name, name + "@example.test", name, "user", "UTC", 0, "nearest", name + "-gh", true);
  }

  protected static ProjectDto project(long id) {
    return new ProjectDto(id, 1, "Project " + id, "P" + id, "active", true, BigDecimal.ZERO);
  }

  private static UserDto user(String subject) {
    return switch (subject) {
      case "sub-alice" -> user(ALICE);
      case "sub-bob" -> user(BOB);
      default -> user(CAROL);
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
