package io.timetracker.connector.slack.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.slack.SlackRequests;
import io.timetracker.connector.slack.SlackTestBase;
import io.timetracker.connector.slack.SlackTestResources;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.TodaySummaryDto;
import io.timetracker.contracts.client.CoreConflictException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

@QuarkusTest
class SlashCommandTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;

  @BeforeEach
  void aliceIsLinked() {
    link("alice", "U0ALICE");
    when(core.allowedProjects(eq(ALICE), any()))
        .thenReturn(
            Uni.createFrom()
                .item(
                    projects(
                        project(12, "Website relaunch"),
                        project(7, "Web shop"),
                        project(3, "Backoffice"))));
    when(core.startTimer(anyLong(), any()))
        .thenAnswer(inv -> Uni.createFrom().item(entry(inv.getArgument(1))));
  }

  @Test
  void startWithTwoMatchingProjectsListsTheCandidatesAndStartsNothing() {
    String text = reply(tt("U0ALICE", "start web"));

    assertThat(text)
        .startsWith("Several projects match `web`:")
        .containsSubsequence("*Web shop* – `/tt start 7`", "*Website relaunch* – `/tt start 12`");
    verify(core, never()).startTimer(anyLong(), any());
  }

  @Test
  void startWithOneMatchStartsTheTimerAndNamesTheProject() {
    String text = reply(tt("U0ALICE", "start  BACKoff"));

    assertThat(text).isEqualTo(":stopwatch: Timer started for *Backoffice*.");
    ArgumentCaptor<ServiceStartTimerRequest> started =
        ArgumentCaptor.forClass(ServiceStartTimerRequest.class);
    verify(core).startTimer(eq(ALICE), started.capture());
    assertThat(started.getValue().projectId()).isEqualTo(3L);
    assertThat(started.getValue().source()).isEqualTo("slack");
  }

  @Test
  void startByIdPicksThatProjectEvenWhenNamesWouldMatchOthers() {
    assertThat(reply(tt("U0ALICE", "start 12")))
        .isEqualTo(":stopwatch: Timer started for *Website relaunch*.");
  }

  @Test
  void startWithoutProjectAnswersUsage() {
    assertThat(reply(tt("U0ALICE", "start"))).isEqualTo("Usage: `/tt start <project name or ID>`");
    verify(core, never()).startTimer(anyLong(), any());
  }

  @Test
  void startOfAnUnknownProjectSaysNotFound() {
    assertThat(reply(tt("U0ALICE", "start zebra")))
        .startsWith("Project not found: `zebra`.")
        .contains("Usage:");
  }

  @Test
  void startRefusedByTheCoreSaysWhy() {
    doReturn(
            Uni.createFrom()
                .failure(
                    new CoreConflictException(
                        "timer_already_running", "A timer is already running")))
        .when(core)
        .startTimer(anyLong(), any());

    assertThat(reply(tt("U0ALICE", "start 3")))
        .isEqualTo("Could not start timer: A timer is already running");
  }

  @Test
  void stopRepliesTheDuration() {
    when(core.stopTimer(ALICE)).thenReturn(Uni.createFrom().item(stoppedEntry(3725)));

    assertThat(reply(tt("U0ALICE", "stop")))
        .isEqualTo(":white_check_mark: Timer stopped (duration 01:02:05).");
  }

  @Test
  void stopWithoutTimerSaysSo() {
    when(core.stopTimer(ALICE))
        .thenReturn(
            Uni.createFrom()
                .failure(new CoreConflictException("no_active_timer", "No active timer found")));

    assertThat(reply(tt("U0ALICE", "stop")))
        .isEqualTo("Could not stop timer: No active timer found");
  }

  @Test
  void statusShowsProjectAndElapsedTime() {
    when(core.timer(ALICE))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(true, null, "Web shop", 4000L)));

    assertThat(reply(tt("U0ALICE", "status")))
        .isEqualTo(":hourglass_flowing_sand: Active timer on *Web shop* (running 01:06:40).");
  }

  @Test
  void statusWithoutTimerSaysNoActiveTimer() {
    when(core.timer(ALICE))
        .thenReturn(Uni.createFrom().item(new TimerStatusDto(false, null, null, null)));

    assertThat(reply(tt("U0ALICE", "status"))).isEqualTo("No active timer.");
  }

  @Test
  void todayShowsHoursAndProjects() {
    when(core.todaySummary(ALICE))
        .thenReturn(
            Uni.createFrom()
                .item(new TodaySummaryDto(LocalDate.now(), "Europe/Brussels", 5400, 1.5, 2, 3)));

    assertThat(reply(tt("U0ALICE", "today")))
        .isEqualTo(":bar_chart: Today: *1.5h* across *2* project(s).");
  }

  @Test
  void helpUnknownAndEmptyCommandsListTheCommands() {
    for (String text : List.of("help", "foo", "")) {
      assertThat(reply(tt("U0ALICE", text)))
          .contains("`/tt start <project>`", "`/tt stop`", "`/tt status`", "`/tt today`");
    }
  }

  @Test
  void repliesAreEphemeral() {
    Response r = tt("U0ALICE", "help");
    r.then().statusCode(200).contentType("application/json");
    assertThat(r.<String>path("response_type")).isEqualTo("ephemeral");
  }

  @Test
  void unlinkedSlackUserGetsLinkInstructionsAndNoTimer() {
    assertThat(reply(tt("U0STRANGER", "start 3"))).contains("not linked", "/tt link");
    verify(core, never()).startTimer(anyLong(), any());
  }

  @Test
  void retriedStartActsOnceAndRepeatsTheFirstReply() {
    String trigger = SlackRequests.trigger();
    byte[] body = SlackRequests.command(ALPHA, "U0ALICE", "start 3", trigger);
    String path = "/api/integrations/slack/commands/" + ALPHA;

    String first = reply(SlackRequests.command(path, body, ALPHA_SECRET));
    String retried =
        reply(
            io.restassured.RestAssured.given()
                .config(SlackRequests.FORM)
                .header("X-Slack-Retry-Num", "1")
                .header("X-Slack-Retry-Reason", "http_timeout")
                .header("X-Slack-Request-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header(
                    "X-Slack-Signature",
                    io.timetracker.connector.kit.signature.SlackSignatureVerifier.sign(
                        ALPHA_SECRET, Instant.now().getEpochSecond(), body))
                .contentType("application/x-www-form-urlencoded")
                .body(body)
                .post(path));

    assertThat(retried).isEqualTo(first).isEqualTo(":stopwatch: Timer started for *Backoffice*.");
    verify(core, times(1)).startTimer(eq(ALICE), any());
  }

  @Test
  void slowCoreAnswersTryAgainInsteadOfAnError() {
    when(core.timer(ALICE)).thenReturn(Uni.createFrom().failure(new TimeoutException()));

    assertThat(reply(tt("U0ALICE", "status"))).contains("try again");
  }

  @Test
  void startThatCouldNotReachTheCoreMayBeRetried() {
    doReturn(Uni.createFrom().failure(new TimeoutException()))
        .doAnswer(inv -> Uni.createFrom().item(entry(inv.getArgument(1))))
        .when(core)
        .startTimer(anyLong(), any());
    String trigger = SlackRequests.trigger();

    assertThat(reply(tt("U0ALICE", "start 3", trigger))).contains("try again");
    assertThat(reply(tt("U0ALICE", "start 3", trigger)))
        .isEqualTo(":stopwatch: Timer started for *Backoffice*.");
  }

  private static TimeEntryDto entry(ServiceStartTimerRequest r) {
    return new TimeEntryDto(
        500,
        ALICE,
        r.projectId(),
        null,
        Instant.now(),
        null,
        null,
        null,
        List.of(),
        true,
        "slack",
        null,
        true,
        Instant.now(),
        Instant.now(),
        0);
  }

  private static TimeEntryDto stoppedEntry(int seconds) {
    Instant end = Instant.now();
    return new TimeEntryDto(
        500,
        ALICE,
        3,
        null,
        end.minusSeconds(seconds),
        end,
        seconds,
        null,
        List.of(),
        true,
        "slack",
        null,
        false,
        end,
        end,
        1);
  }
}
