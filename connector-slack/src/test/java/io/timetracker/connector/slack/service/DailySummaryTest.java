package io.timetracker.connector.slack.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobPolicy;
import io.timetracker.connector.kit.jobs.JobRunner;
import io.timetracker.connector.kit.retry.Backoff;
import io.timetracker.connector.slack.PinnableClock;
import io.timetracker.connector.slack.SlackApiResource;
import io.timetracker.connector.slack.SlackTestBase;
import io.timetracker.connector.slack.SlackTestResources;
import io.timetracker.connector.slack.TestTokens;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.repository.SlackUserRepository;
import io.timetracker.contracts.api.TodaySummaryDto;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two claimers and runners on the one database) run the daily summary job at the same
 * injected instants: alice in Europe/Brussels and bob in Asia/Kolkata, both at 18:00.
 */
@QuarkusTest
class DailySummaryTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;

  @Inject SlackUserRepository users;
  @Inject SummaryPoster poster;
  @Inject SlackConfig config;

  @Test
  void eachUserGetsExactlyOnePostPerLocalDayWithTwoReplicasAcrossDst() {
    link("alice", "U0SUMALICE");
    link("bob", "U0SUMBOB");
    summaryAt("alice", "C0SUMA");
    summaryAt("bob", "C0SUMB");
    when(core.todaySummary(anyLong()))
        .thenReturn(
            Uni.createFrom().item(new TodaySummaryDto(LocalDate.now(), "UTC", 5400, 1.5, 2, 3)));
    SlackApiResource.server()
        .stubFor(
            post(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", WireMock.matching("C0SUM.")))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"ts\":\"1.1\"}")));
    PinnableClock clock = new PinnableClock();
    clock.pin(Instant.parse("2026-03-28T10:00:00Z"));
    SummaryScheduler one = replica(clock);
    SummaryScheduler two = replica(clock);
    dueNow(clock);

    // Saturday 28 March: Kolkata's 18:00 is 12:30Z, Brussels' (still UTC+1) 17:00Z
    for (String at :
        new String[] {
          "2026-03-28T10:00:00Z",
          "2026-03-28T12:30:00Z",
          "2026-03-28T12:45:00Z",
          "2026-03-28T17:00:05Z",
          "2026-03-28T17:20:00Z",
          // Sunday 29 March, Brussels now on summer time: 18:00 is 16:00Z
          "2026-03-29T12:31:00Z",
          "2026-03-29T16:00:30Z",
          "2026-03-29T16:40:00Z"
        }) {
      clock.pin(Instant.parse(at));
      bothAtOnce(one, two);
    }

    assertThat(posted("C0SUMB")).isEqualTo(2);
    assertThat(posted("C0SUMA")).isEqualTo(2);
    assertThat(users.find(ALICE).await().atMost(WAIT).orElseThrow().lastSummaryDate())
        .isEqualTo(LocalDate.parse("2026-03-29"));
    SlackApiResource.server()
        .verify(
            postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0SUMA")))
                .withRequestBody(matchingJsonPath("$.text", WireMock.containing("(2026-03-28)"))));
  }

  private SummaryScheduler replica(PinnableClock clock) {
    JobClaimer claimer =
        new JobClaimer(
            pool,
            clock,
            new JobPolicy(
                Duration.ofMinutes(5),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)));
    return new SummaryScheduler(claimer, new JobRunner(claimer), users, poster, config, clock);
  }

  /**
   * Makes both users' jobs due at the first instant (saving settings scheduled them by wall time).
   */
  private void dueNow(PinnableClock clock) {
    for (long id : new long[] {ALICE, BOB}) {
      pool.preparedQuery("UPDATE connector_job SET due_at = $2 WHERE connection_id = $1")
          .execute(
              io.vertx.mutiny.sqlclient.Tuple.of(
                  Long.toString(id), clock.instant().atOffset(java.time.ZoneOffset.UTC)))
          .await()
          .atMost(WAIT);
    }
  }

  private static void bothAtOnce(SummaryScheduler one, SummaryScheduler two) {
    Uni.combine().all().unis(one.runDue(), two.runDue()).discardItems().await().atMost(WAIT);
  }

  private static void summaryAt(String person, String channel) {
    given()
        .auth()
        .oauth2(TestTokens.user(person))
        .contentType(ContentType.JSON)
        .body(Map.of("channelId", channel, "dailySummary", true, "dailySummaryTime", "18:00"))
        .put("/api/integrations/slack/config")
        .then()
        .statusCode(200);
  }

  private static int posted(String channel) {
    return SlackApiResource.server()
        .findAll(
            postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel))))
        .size();
  }
}
