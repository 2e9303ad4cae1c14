package io.timetracker.timer.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ExternalTimeEntryBatchRequest;
import io.timetracker.contracts.api.ExternalTimeEntryBatchResult;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import io.timetracker.contracts.client.CoreAccessDeniedException;
import io.timetracker.contracts.client.CoreNotFoundException;
import io.timetracker.contracts.client.CoreProblemException;
import io.timetracker.contracts.client.TimerAlreadyRunningException;
import io.timetracker.contracts.client.TimerServiceClient;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The typed client from contracts against the running core: real requests, real problem+json
 * answers mapped to the typed exceptions connectors catch.
 */
@QuarkusTest
class TimerServiceClientRoundTripTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TestHTTPResource("/")
  URL base;

  @Test
  void startsATimerForAUserAndRefusesASecondOneAsTimerAlreadyRunning() {
    long user = user("rt-start");
    long project = Fixtures.projectWithMembers(user);
    var start = new ServiceStartTimerRequest(project, null, "issue #1", "github", null, "skip");

    var entry = await(client().startTimer(user, start));
    assertThat(entry.running()).isTrue();
    assertThat(entry.source()).isEqualTo("github");

    assertThatThrownBy(() -> await(client().startTimer(user, start)))
        .isInstanceOf(TimerAlreadyRunningException.class)
        .extracting(e -> ((CoreProblemException) e).status())
        .isEqualTo(409);
    assertThat(await(client().timer(user)).running()).isTrue();
  }

  @Test
  void stoppingWithoutARunningTimerIsNotFoundWithTheCoreCode() {
    long user = user("rt-stop");

    assertThatThrownBy(() -> await(client().stopTimer(user)))
        .isInstanceOf(CoreNotFoundException.class)
        .extracting(e -> ((CoreProblemException) e).code())
        .isEqualTo("no_active_timer");
  }

  @Test
  void upsertTaskByRefCreatesThenUpdates() {
    long user = user("rt-task");
    long project = Fixtures.projectWithMembers(user);
    var upsert =
        new UpsertTaskByRefRequest(
            project, "github:acme/web#7", "github", "Login broken", null, null, "high");

    var created = await(client().upsertTaskByRef(user, upsert));
    var updated = await(client().upsertTaskByRef(user, upsert));

    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(updated.getStatus()).isEqualTo(200);
    assertThat(updated.getEntity().id()).isEqualTo(created.getEntity().id());
    assertThat(updated.getEntity().priority()).isEqualTo("high");
  }

  @Test
  void timeEntryByRefIsListedAsCompletedThenDeleted() {
    long user = user("rt-entry");
    long project = Fixtures.projectWithMembers(user);
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var put =
        new ExternalTimeEntryRequest(
            "gcal:evt-9", "gcal", project, null, end.minusSeconds(1800), end, "Standup", true);

    assertThat(await(calendar().upsertTimeEntryByRef(user, put)).getStatus()).isEqualTo(201);
    assertThat(await(calendar().completedEntries(user, Instant.EPOCH, 10)))
        .extracting(e -> e.externalRef())
        .containsExactly("gcal:evt-9");
    await(calendar().deleteTimeEntryByRef(user, "gcal:evt-9"));
    assertThatThrownBy(() -> await(calendar().deleteTimeEntryByRef(user, "gcal:evt-9")))
        .isInstanceOf(CoreNotFoundException.class);
  }

  @Test
  void batchUpsertAnswersPerItemThroughTheTypedClient() {
    long user = user("rt-batch");
    long project = Fixtures.projectWithMembers(user);
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var ok =
        new ExternalTimeEntryRequest(
            "gcal:evt-b1", "gcal", project, null, end.minusSeconds(1800), end, "Standup", false);
    var backwards =
        new ExternalTimeEntryRequest(
            "gcal:evt-b2", "gcal", project, null, end, end.minusSeconds(60), "Backwards", false);

    var first =
        await(
            calendar()
                .upsertTimeEntriesByRef(
                    user, new ExternalTimeEntryBatchRequest(List.of(ok, backwards))));
    var again =
        await(
            calendar()
                .upsertTimeEntriesByRef(user, new ExternalTimeEntryBatchRequest(List.of(ok))));

    assertThat(first.created()).isEqualTo(1);
    assertThat(first.refused()).isEqualTo(1);
    assertThat(first.items().get(0).created()).isTrue();
    assertThat(first.items().get(0).entry().externalRef()).isEqualTo("gcal:evt-b1");
    assertThat(first.items().get(1).applied()).isFalse();
    assertThat(first.items().get(1).problem().code()).isEqualTo("validation_failed");
    assertThat(first.items().get(1).problem().status()).isEqualTo(400);
    assertThat(again.items().get(0).outcome()).isEqualTo(ExternalTimeEntryBatchResult.UNCHANGED);
    assertThat(again.items().get(0).entry().id()).isEqualTo(first.items().get(0).entry().id());
  }

  @Test
  void listsTheUsersProjectsAndTodaysSummary() {
    long user = user("rt-projects");
    long project = Fixtures.projectWithMembers(user);

    assertThat(await(client().allowedProjects(user, null)))
        .extracting(p -> p.id())
        .contains(project);
    assertThat(await(client(TestTokens.service("connector-slack")).todaySummary(user)).entries())
        .isZero();
  }

  @Test
  void unknownGithubLoginIsNotFound() {
    assertThatThrownBy(() -> await(client().userByGithubLogin("nobody-" + System.nanoTime())))
        .isInstanceOf(CoreNotFoundException.class);
  }

  @Test
  void aTokenWithoutServiceRoleIsAccessDenied() {
    long user = user("rt-denied");
    var asUser = client(TestTokens.user("rt-denied"));

    assertThatThrownBy(() -> await(asUser.timer(user)))
        .isInstanceOf(CoreAccessDeniedException.class)
        .extracting(e -> ((CoreProblemException) e).status())
        .isEqualTo(403);
  }

  private static long user(String name) {
    return Fixtures.userId(TestTokens.user(name));
  }

  /** connector-github's capabilities and source; {@link #calendar()} for entries by ref. */
  private TimerServiceClient client() {
    return client(TestTokens.service("connector-github"));
  }

  private TimerServiceClient calendar() {
    return client(TestTokens.service("connector-gcal"));
  }

  private TimerServiceClient client(String token) {
    return QuarkusRestClientBuilder.newBuilder()
        .baseUri(URI.create(base.toString()))
        .register(new Bearer(token))
        .build(TimerServiceClient.class);
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(WAIT);
  }

  /** Stands in for the OIDC client filter a connector registers (ADR 0002). */
  static final class Bearer implements ClientRequestFilter {
    private final String token;

    Bearer(String token) {
      this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
      request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }
  }
}
