package io.timetracker.connector.gcal;

import static io.restassured.RestAssured.given;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.InjectMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.IdentityDto;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.UserDto;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up: the core's typed client is a mock backed by {@link FakeCore} (the flow against the
 * real timer-service runs in deploy/local/e2e-gcal.sh); alice is user 11 with project 100
 * "Website"; Google is WireMock ({@link GoogleFake}).
 */
public abstract class GcalTestBase {

  protected static final long ALICE = 11;
  protected static final long BOB = 12;
  protected static final long PROJECT = 100;
  protected static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @InjectMock protected TimerService core;
  @Inject protected Pool pool;
  protected final FakeCore fakeCore = new FakeCore();

  @BeforeEach
  void resetWorld() {
    GoogleFake.google().resetAll();
    await(
        pool.query(
                "TRUNCATE gcal_connection, gcal_event_link, gcal_sync_run, oauth_state,"
                    + " connector_job, inbox_delivery, processed_event CASCADE")
            .execute());
    fakeCore.clear();
    when(core.me(anyString()))
        .thenAnswer(inv -> Uni.createFrom().item(user(subjectOf(inv.getArgument(0)))));
    when(core.allowedProjects(anyLong(), any()))
        .thenReturn(
            Uni.createFrom()
                .item(
                    List.of(
                        new ProjectDto(
                            PROJECT, 1, "Website", "WEB", "active", true, BigDecimal.ZERO))));
    when(core.upsertTimeEntry(anyLong(), any()))
        .thenAnswer(
            inv ->
                Uni.createFrom()
                    .item(() -> fakeCore.upsert(inv.getArgument(0), inv.getArgument(1))));
    when(core.upsertTimeEntries(anyLong(), any()))
        .thenAnswer(
            inv ->
                Uni.createFrom()
                    .item(() -> fakeCore.upsertAll(inv.getArgument(0), inv.getArgument(1))));
    when(core.deleteTimeEntry(anyLong(), anyString()))
        .thenAnswer(
            inv ->
                Uni.createFrom()
                    .<Void>item(
                        () -> {
                          fakeCore.delete(inv.getArgument(0), inv.getArgument(1));
                          return null;
                        }));
    when(core.linkIdentity(anyLong(), any()))
        .thenReturn(
            Uni.createFrom()
                .item(
                    new TimerService.Upserted<>(
                        new IdentityDto(
                            1, ALICE, "google", "1093847562", "alice@gmail.test", null, null),
                        true)));
    when(core.completedEntries(anyLong(), any(), org.mockito.ArgumentMatchers.anyInt()))
        .thenReturn(Uni.createFrom().item(List.of()));
  }

  /** A bearer token of a person with role user; subject {@code sub-<name>}. */
  protected static String token(String name) {
    return OidcWiremockTestResource.generateJwtToken(
        name, Set.of("user"), "sub-" + name, "Bearer", Set.of("connector-gcal"), Map.of());
  }

  /** Starts a consent for the person; the query of Google's authorization URL. */
  protected static Map<String, String> startConsent(String name) {
    Response r =
        given()
            .redirects()
            .follow(false)
            .auth()
            .oauth2(token(name))
            .get("/integrations/google/connect");
    if (r.statusCode() != 302) {
      throw new AssertionError("connect answered " + r.statusCode() + ": " + r.asString());
    }
    return query(URI.create(r.header("Location")));
  }

  /** Connects alice with the given tokens through the whole consent. */
  protected static void connect(String name, String access, String refresh) {
    Map<String, String> consent = startConsent(name);
    String code = "4/0Ab-code-" + UUID.randomUUID();
    GoogleFake.acceptsCode(code, consent.get("code_challenge"), access, refresh);
    Response r =
        given()
            .redirects()
            .follow(false)
            .queryParam("state", consent.get("state"))
            .queryParam("code", code)
            .get("/integrations/google/callback");
    if (!r.header("Location").contains("google=connected")) {
      throw new AssertionError("callback answered " + r.header("Location"));
    }
    GoogleFake.google().resetAll();
  }

  /** The query parameters of a URL. */
  protected static Map<String, String> query(URI url) {
    Map<String, String> params = new HashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return params;
  }

  /** One row of SQL as a map. */
  protected Map<String, Object> row(String sql) {
    var rows = await(pool.query(sql).execute());
    Map<String, Object> values = new HashMap<>();
    if (!rows.iterator().hasNext()) {
      return values;
    }
    Row r = rows.iterator().next();
    for (int i = 0; i < r.size(); i++) {
      values.put(r.getColumnName(i), r.getValue(i));
    }
    return values;
  }

  /** Runs a statement. */
  protected void sql(String sql) {
    await(pool.query(sql).execute());
  }

  protected static <T> T await(Uni<T> uni) {
    return uni.await().atMost(WAIT);
  }

  protected static UserDto user(long id) {
    String name = id == ALICE ? "alice" : "bob";
    return new UserDto(
        id, name, name + "@example.test", name, "user", "UTC", 0, "nearest", null, true);
  }

  private static UserDto user(String subject) {
    return user("sub-alice".equals(subject) ? ALICE : BOB);
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
