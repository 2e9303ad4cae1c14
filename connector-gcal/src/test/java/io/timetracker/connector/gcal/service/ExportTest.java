package io.timetracker.connector.gcal.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.timetracker.connector.gcal.GoogleFake.google;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.connector.gcal.CalendarJson;
import io.timetracker.connector.gcal.CoreEvents;
import io.timetracker.connector.gcal.ExportRunners;
import io.timetracker.connector.gcal.GcalTestBase;
import io.timetracker.connector.gcal.GoogleFake;
import io.timetracker.connector.kit.inbox.InboxRunner;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.contracts.event.TimeEntryDeleted;
import io.timetracker.contracts.event.TimeEntryStopped;
import io.timetracker.contracts.event.TimeEntryUpdated;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest extends GcalTestBase {

  private static final String EVENTS = "/calendar/v3/calendars/primary/events";
  private static final String EVENT_ID = "tt0000000501";
  private static final Instant START =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
  private static final Instant END = START.plus(Duration.ofHours(1));

  @Inject ImportScheduler scheduler;
  private InboxRunner runner;

  @BeforeEach
  void connectedAliceExporting() {
    connect("alice", "ya29.a0-export", "1//0g-export");
    sql(
        "UPDATE gcal_connection SET direction = 'both', default_project_id = 100,"
            + " token_expires_at = now() + interval '1 hour'");
    runner = ExportRunners.runner();
  }

  @Test
  void stoppedTimerBecomesOneEventAfterA429ThenIsPatchedThenDeleted() {
    google()
        .stubFor(
            post(urlPathEqualTo(EVENTS))
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                    GoogleFake.error(429, "rateLimitExceeded").withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
    google()
        .stubFor(
            post(urlPathEqualTo(EVENTS))
                .inScenario("rate")
                .whenScenarioStateIs("open")
                .willReturn(okJson(CalendarJson.exported(EVENT_ID, 501, START, END))));

    CoreEvents.publish(EventTypes.TIME_ENTRY_STOPPED, stopped("Fix login bug", 1));
    awaitQueued(1);
    await(runner.runOnce());

    google().verify(2, postRequestedFor(urlPathEqualTo(EVENTS)));
    google()
        .verify(
            postRequestedFor(urlPathEqualTo(EVENTS))
                .withRequestBody(
                    matchingJsonPath(
                        "$.id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(EVENT_ID)))
                .withRequestBody(
                    matchingJsonPath(
                        "$.summary",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                            "[TT] Website — Fix login bug")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.description",
                        com.github.tomakehurst.wiremock.client.WireMock.containing(
                            "Duration: 01:00:00")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.start.timeZone",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("UTC")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.extendedProperties.private.timetrackerEntryId",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("501"))));
    assertThat(row("SELECT event_id, direction FROM gcal_event_link WHERE entry_id = 501"))
        .containsEntry("event_id", EVENT_ID)
        .containsEntry("direction", "export");

    google()
        .stubFor(
            patch(urlPathEqualTo(EVENTS + "/" + EVENT_ID))
                .willReturn(okJson(CalendarJson.exported(EVENT_ID, 501, START, END))));
    CoreEvents.publish(EventTypes.TIME_ENTRY_UPDATED, updated("Fix login bug for real", 2));
    awaitQueued(2);
    await(runner.runOnce());
    google()
        .verify(
            1,
            patchRequestedFor(urlPathEqualTo(EVENTS + "/" + EVENT_ID))
                .withRequestBody(
                    matchingJsonPath(
                        "$.summary",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                            "[TT] Website — Fix login bug for real"))));
    google().verify(2, postRequestedFor(urlPathEqualTo(EVENTS)));

    google()
        .stubFor(
            delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID))
                .willReturn(aResponse().withStatus(204)));
    CoreEvents.publish(
        EventTypes.TIME_ENTRY_DELETED, new TimeEntryDeleted(501, ALICE, PROJECT, "timer", null));
    awaitQueued(3);
    await(runner.runOnce());
    google().verify(1, deleteRequestedFor(urlPathEqualTo(EVENTS + "/" + EVENT_ID)));
    assertThat(row("SELECT count(*) AS n FROM gcal_event_link").get("n")).isEqualTo(0L);
  }

  @Test
  void repeatedInsertAfterALostAnswerPatchesInsteadOfDuplicating() {
    google().stubFor(post(urlPathEqualTo(EVENTS)).willReturn(GoogleFake.error(409, "duplicate")));
    google()
        .stubFor(
            patch(urlPathEqualTo(EVENTS + "/" + EVENT_ID))
                .willReturn(okJson(CalendarJson.exported(EVENT_ID, 501, START, END))));

    CoreEvents.publish(EventTypes.TIME_ENTRY_STOPPED, stopped("Fix login bug", 1));
    awaitQueued(1);
    await(runner.runOnce());

    google().verify(1, patchRequestedFor(urlPathEqualTo(EVENTS + "/" + EVENT_ID)));
    assertThat(row("SELECT event_id FROM gcal_event_link WHERE entry_id = 501"))
        .containsEntry("event_id", EVENT_ID);
  }

  @Test
  void failingExportStaysQueuedAndVisibleInsteadOfBeingDropped() {
    google()
        .stubFor(post(urlPathEqualTo(EVENTS)).willReturn(GoogleFake.error(503, "backendError")));

    CoreEvents.publish(EventTypes.TIME_ENTRY_STOPPED, stopped("Fix login bug", 1));
    awaitQueued(1);
    await(runner.runOnce());

    assertThat(row("SELECT status FROM inbox_delivery WHERE provider = 'gcal-export'"))
        .containsEntry("status", "failed");
    io.restassured.RestAssured.given()
        .auth()
        .oauth2(token("alice"))
        .get("/api/integrations/google/status/details")
        .then()
        .statusCode(200)
        .body("pendingExports", org.hamcrest.Matchers.is(1));
  }

  @Test
  void aStopReadWhileTheDatabaseIsDownIsQueuedOnceItIsBackNotDeadLettered() throws Exception {
    // a PostgreSQL restart under load (deploy/local/faults.sh): the consumer found its database
    // down and the failure sent the record to the dead-letter topic, so the entry waited for a
    // sync's catch-up (30 minutes) instead of being exported within seconds
    EmbeddedPostgresResource.stopServer();
    try {
      CoreEvents.publish(EventTypes.TIME_ENTRY_STOPPED, stopped("Fix login bug", 1));
      Thread.sleep(3000); // the consumer reads the record and finds its database down
    } finally {
      EmbeddedPostgresResource.startServer();
    }

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> (Long) row("SELECT count(*) AS n FROM inbox_delivery").get("n") >= 1);
    assertThat(row("SELECT delivery_key, action FROM inbox_delivery"))
        .containsEntry("delivery_key", "entry:501")
        .containsEntry("action", "upsert");
  }

  @Test
  void sameEventDeliveredTwiceIsQueuedOnce() {
    TimeEntryStopped stopped = stopped("Fix login bug", 1);
    CoreEvents.publish(EventTypes.TIME_ENTRY_STOPPED, stopped);
    awaitQueued(1);

    assertThat(row("SELECT count(DISTINCT delivery_id) AS n FROM inbox_delivery").get("n"))
        .isEqualTo(1L);
  }

  @Test
  void importAfterExportDoesNotBringOurEventBack() {
    google()
        .stubFor(
            post(urlPathEqualTo(EVENTS))
                .willReturn(okJson(CalendarJson.exported(EVENT_ID, 501, START, END))));
    CoreEvents.publish(EventTypes.TIME_ENTRY_STOPPED, stopped("Fix login bug", 1));
    awaitQueued(1);
    await(runner.runOnce());
    google()
        .stubFor(
            get(urlPathEqualTo(EVENTS))
                .withQueryParam("syncToken", absent())
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(CalendarJson.exported(EVENT_ID, 501, START, END)),
                            null,
                            "sync-1"))));

    await(scheduler.runDue());

    assertThat(fakeCore.entries()).isEmpty();
  }

  @Test
  void importedEntriesAreNeverExported() {
    CoreEvents.publish(
        EventTypes.TIME_ENTRY_UPDATED,
        new TimeEntryUpdated(
            777,
            ALICE,
            PROJECT,
            null,
            START,
            END,
            3600,
            "Standup",
            List.of(),
            false,
            "gcal",
            "gcal:evA",
            3));
    CoreEvents.publish(EventTypes.TIME_ENTRY_STOPPED, stopped("after", 1));
    awaitQueued(1);

    assertThat(row("SELECT count(*) AS n FROM inbox_delivery").get("n")).isEqualTo(1L);
  }

  private void awaitQueued(long n) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(() -> (Long) row("SELECT count(*) AS n FROM inbox_delivery").get("n") >= n);
  }

  private static TimeEntryStopped stopped(String notes, long version) {
    return new TimeEntryStopped(
        501, ALICE, PROJECT, null, START, END, 3600, notes, true, "timer", null, version);
  }

  private static TimeEntryUpdated updated(String notes, long version) {
    return new TimeEntryUpdated(
        501, ALICE, PROJECT, null, START, END, 3600, notes, List.of(), true, "timer", null,
        version);
  }
}
