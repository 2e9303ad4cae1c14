package io.timetracker.connector.gcal.service;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.timetracker.connector.gcal.GoogleFake.google;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.CalendarJson;
import io.timetracker.connector.gcal.GcalTestBase;
import io.timetracker.connector.gcal.GoogleFake;
import io.timetracker.contracts.api.ExternalTimeEntryBatchResult;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.api.TimeEntryDto;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest extends GcalTestBase {

  private static final String EVENTS = "/calendar/v3/calendars/primary/events";
  private static final Instant DAY =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));

  @Inject ImportScheduler scheduler;

  @BeforeEach
  void connectedAliceImportingIntoTheWebsite() {
    connect("alice", "ya29.a0-import", "1//0g-import");
    sql(
        "UPDATE gcal_connection SET default_project_id = 100, token_expires_at = now() + interval '1 hour'");
  }

  @Test
  void importsEachTimedEventOfThreePagesOnceAndSkipsTheRest() {
    stubFullWindow();

    assertThat(await(scheduler.runDue())).isEqualTo(1);

    assertThat(fakeCore.entries()).containsOnlyKeys("gcal:evA", "gcal:evB", "gcal:evC");
    TimeEntryDto a = fakeCore.entries().get("gcal:evA");
    assertThat(a.source()).isEqualTo("gcal");
    assertThat(a.billable()).isFalse();
    assertThat(a.notes()).isEqualTo("Standup");
    assertThat(a.projectId()).isEqualTo(PROJECT);
    assertThat(a.start()).isEqualTo(DAY.plus(Duration.ofHours(9)));
    google()
        .verify(
            3,
            getRequestedFor(urlPathEqualTo(EVENTS))
                .withQueryParam("singleEvents", equalTo("true")));
    assertThat(row("SELECT sync_token, last_sync_status FROM gcal_connection"))
        .containsEntry("sync_token", "sync-1")
        .containsEntry("last_sync_status", "success");
    // one batch call of the core per page with events to write, one link per imported event
    assertThat(fakeCore.batches()).isEqualTo(3);
    assertThat(
            row(
                "SELECT count(*) AS n FROM gcal_event_link WHERE entry_id IS NOT NULL"
                    + " AND direction = 'import'"))
        .containsEntry("n", 3L);
  }

  @Test
  void anItemTheCoreRefusesFailsTheRunAfterThePagesOtherEntriesAreLinked() {
    when(core.upsertTimeEntries(anyLong(), any()))
        .thenAnswer(
            inv ->
                Uni.createFrom()
                    .item(() -> refusingReview(inv.getArgument(0), inv.getArgument(1))));
    stubPageWithReview();

    await(scheduler.runDue());

    assertThat(fakeCore.entries()).containsOnlyKeys("gcal:evA", "gcal:evC");
    assertThat(row("SELECT count(*) AS n FROM gcal_event_link WHERE entry_id IS NOT NULL"))
        .containsEntry("n", 2L);
    assertThat(row("SELECT count(*) AS n FROM gcal_event_link WHERE event_id = 'evB'"))
        .containsEntry("n", 0L);
    Map<String, Object> connection =
        row("SELECT sync_token, last_sync_status, last_error FROM gcal_connection");
    assertThat(connection).containsEntry("last_sync_status", "failed");
    assertThat(connection.get("sync_token")).isNull();
    assertThat((String) connection.get("last_error")).contains("project_archived", "evB");
  }

  private List<ExternalTimeEntryBatchResult.Item> refusingReview(
      long user, List<ExternalTimeEntryRequest> requests) {
    List<ExternalTimeEntryBatchResult.Item> items = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      ExternalTimeEntryRequest r = requests.get(i);
      if (r.externalRef().equals("gcal:evB")) {
        items.add(
            new ExternalTimeEntryBatchResult.Item(
                i,
                r.externalRef(),
                ExternalTimeEntryBatchResult.REFUSED,
                null,
                Problem.of(409, "project_archived", "Project 100 is archived.")));
      } else {
        items.add(
            new ExternalTimeEntryBatchResult.Item(
                i,
                r.externalRef(),
                ExternalTimeEntryBatchResult.CREATED,
                fakeCore.upsert(user, r).value(),
                null));
      }
    }
    return items;
  }

  private void stubPageWithReview() {
    google()
        .stubFor(
            window(null)
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(
                                CalendarJson.timed("evA", "Standup", at(9), at(10), "a1"),
                                CalendarJson.timed("evB", "Review", at(13), at(14), "b1"),
                                CalendarJson.timed("evC", "Planning", at(17), at(18), "c1")),
                            null,
                            "sync-1"))));
  }

  @Test
  void secondRunFetchesOnlyChangesMovingAndDeletingEntries() {
    stubFullWindow();
    await(scheduler.runDue());
    google().resetRequests();
    google()
        .stubFor(
            changes("sync-1")
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(
                                CalendarJson.timed("evA", "Standup (moved)", at(11), at(12), "a2"),
                                CalendarJson.cancelled("evB")),
                            null,
                            "sync-2"))));

    String status =
        given()
            .auth()
            .oauth2(token("alice"))
            .post("/api/integrations/google/sync")
            .then()
            .statusCode(202)
            .extract()
            .path("statusUrl");
    // the request starts the import itself; a runDue() here could find it claimed and return early
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> "done".equals(given().auth().oauth2(token("alice")).get(status).path("status")));

    google()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(EVENTS))
                .withQueryParam("syncToken", equalTo("sync-1"))
                .withQueryParam("timeMin", absent()));
    google()
        .verify(0, getRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("syncToken", absent()));
    assertThat(fakeCore.entries()).containsOnlyKeys("gcal:evA", "gcal:evC");
    assertThat(fakeCore.entries().get("gcal:evA").start()).isEqualTo(at(11));
    assertThat(fakeCore.entries().get("gcal:evA").notes()).isEqualTo("Standup (moved)");
    given()
        .auth()
        .oauth2(token("alice"))
        .get(status)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.is("done"))
        .body("result.updated", org.hamcrest.Matchers.is(1))
        .body("result.deleted", org.hamcrest.Matchers.is(1));
    assertThat(row("SELECT sync_token FROM gcal_connection")).containsEntry("sync_token", "sync-2");
  }

  @Test
  void goneSyncTokenFallsBackToAFullSyncWithoutDuplicates() {
    stubFullWindow();
    await(scheduler.runDue());
    google().stubFor(changes("sync-1").willReturn(GoogleFake.error(410, "fullSyncRequired")));
    sql("UPDATE connector_job SET due_at = now()");

    await(scheduler.runDue());

    google()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("syncToken", equalTo("sync-1")));
    assertThat(fakeCore.entries()).hasSize(3);
    assertThat(row("SELECT sync_token FROM gcal_connection")).containsEntry("sync_token", "sync-1");
  }

  @Test
  void editedEntryIsKeptWhenItsEventIsCancelledAndTheConflictShown() {
    stubFullWindow();
    await(scheduler.runDue());
    sql("UPDATE gcal_event_link SET user_edited = true WHERE event_id = 'evB'");
    google()
        .stubFor(
            changes("sync-1")
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(CalendarJson.cancelled("evB")), null, "sync-2"))));
    sql("UPDATE connector_job SET due_at = now()");

    await(scheduler.runDue());

    assertThat(fakeCore.entries()).containsKey("gcal:evB");
    given()
        .auth()
        .oauth2(token("alice"))
        .get("/api/integrations/google/status/details")
        .then()
        .statusCode(200)
        .body("conflicts", org.hamcrest.Matchers.is(1))
        .body("lastConflict", org.hamcrest.Matchers.containsString("yours was kept"));
  }

  @Test
  void withoutDefaultProjectTheRunIsPartialWithTheOriginalError() {
    sql("UPDATE gcal_connection SET default_project_id = NULL");

    await(scheduler.runDue());

    assertThat(row("SELECT last_sync_status, last_error FROM gcal_connection"))
        .containsEntry("last_sync_status", "partial")
        .containsEntry("last_error", "default_project_id not configured");
    google().verify(0, getRequestedFor(urlPathEqualTo(EVENTS)));
  }

  @Test
  void runningEventIsImportedOnceItHasEnded() {
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    Instant end = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    google()
        .stubFor(
            window(null)
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(CalendarJson.timed("evR", "Workshop", start, end, "r1")),
                            null,
                            "sync-1"))));
    await(scheduler.runDue());
    assertThat(fakeCore.entries()).isEmpty();
    sql("UPDATE gcal_event_link SET pending_until = now() - interval '1 second'");
    google()
        .stubFor(
            changes("sync-1").willReturn(okJson(CalendarJson.page(List.of(), null, "sync-2"))));
    google()
        .stubFor(
            get(urlPathEqualTo(EVENTS + "/evR"))
                .willReturn(
                    okJson(
                        CalendarJson.timed(
                            "evR", "Workshop", start, start.plusSeconds(600), "r2"))));
    sql("UPDATE connector_job SET due_at = now()");

    await(scheduler.runDue());

    assertThat(fakeCore.entries()).containsOnlyKeys("gcal:evR");
  }

  @Test
  void rateLimitedPageIsRetriedAfterA403AndA429AndEachEventImportedOnce() {
    google()
        .stubFor(
            window(null)
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(CalendarJson.timed("evA", "Standup", at(9), at(10), "a1")),
                            "p2",
                            null))));
    google()
        .stubFor(
            window("p2")
                .inScenario("quota")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(GoogleFake.error(403, "rateLimitExceeded"))
                .willSetStateTo("429"));
    google()
        .stubFor(
            window("p2")
                .inScenario("quota")
                .whenScenarioStateIs("429")
                .willReturn(
                    GoogleFake.error(429, "rateLimitExceeded").withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
    google()
        .stubFor(
            window("p2")
                .inScenario("quota")
                .whenScenarioStateIs("open")
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(CalendarJson.timed("evB", "Review", at(13), at(14), "b1")),
                            null,
                            "sync-1"))));

    assertThat(await(scheduler.runDue())).isEqualTo(1);

    assertThat(fakeCore.entries()).containsOnlyKeys("gcal:evA", "gcal:evB");
    assertThat(fakeCore.upserts()).isEqualTo(2);
    google()
        .verify(1, getRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("pageToken", absent()));
    google()
        .verify(
            3, getRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("pageToken", equalTo("p2")));
    assertThat(row("SELECT sync_token, last_sync_status FROM gcal_connection"))
        .containsEntry("sync_token", "sync-1")
        .containsEntry("last_sync_status", "success");
  }

  private void stubFullWindow() {
    google()
        .stubFor(
            window(null)
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(
                                CalendarJson.timed("evA", "Standup", at(9), at(10), "a1"),
                                CalendarJson.allDay(
                                    "evAllDay", "Holiday", "2026-03-01", "2026-03-02"),
                                CalendarJson.declined(
                                    "evDeclined", "Optional sync", at(10), at(11))),
                            "p2",
                            null))));
    google()
        .stubFor(
            window("p2")
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(
                                CalendarJson.timed("evB", "Review", at(13), at(14), "b1"),
                                CalendarJson.timed(
                                    "evRunning",
                                    "Offsite",
                                    at(15),
                                    Instant.now().plus(Duration.ofHours(3)),
                                    "r1"),
                                CalendarJson.exported("tt0000000042", 42, at(16), at(17))),
                            "p3",
                            null))));
    google()
        .stubFor(
            window("p3")
                .willReturn(
                    okJson(
                        CalendarJson.page(
                            List.of(
                                CalendarJson.timed("evC", "Planning", at(17), at(18), "c1"),
                                CalendarJson.timed(
                                    "evOld",
                                    "[TT] Website — from the original",
                                    at(18),
                                    at(19),
                                    "o1")),
                            null,
                            "sync-1"))));
  }

  private static MappingBuilder window(String pageToken) {
    return get(urlPathEqualTo(EVENTS))
        .withQueryParam("syncToken", absent())
        .withQueryParam("timeMin", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
        .withQueryParam("pageToken", pageToken == null ? absent() : equalTo(pageToken));
  }

  private static MappingBuilder changes(String syncToken) {
    return get(urlPathEqualTo(EVENTS)).withQueryParam("syncToken", equalTo(syncToken));
  }

  private static Instant at(int hour) {
    return DAY.plus(Duration.ofHours(hour));
  }
}
