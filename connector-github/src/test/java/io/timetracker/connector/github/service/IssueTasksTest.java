package io.timetracker.connector.github.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.Issue;
import io.timetracker.connector.github.model.TimerPolicy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue → task rules, plain JUnit. */
class IssueTasksTest {

  @Test
  void theFirstKnownLabelInPayloadOrderSetsThePriority() {
    assertThat(IssueTasks.priority(List.of("Enhancement", "bug"))).isEqualTo("medium");
    assertThat(IssueTasks.priority(List.of("docs", "CRITICAL"))).isEqualTo("high");
    assertThat(IssueTasks.priority(List.of("bug", "enhancement"))).isEqualTo("high");
  }

  @Test
  void noKnownLabelIsLowPriority() {
    assertThat(IssueTasks.priority(List.of("question"))).isEqualTo("low");
    assertThat(IssueTasks.priority(List.of())).isEqualTo("low");
  }

  @Test
  void theRefNamesTheRepositorySoTwoReposNeverCollide() {
    assertThat(IssueTasks.ref(connection("octo", "a", null), 7)).isEqualTo("github:octo/a#7");
    assertThat(IssueTasks.ref(connection("octo", "b", null), 7)).isEqualTo("github:octo/b#7");
  }

  @Test
  void nameIsTheTrimmedTitleAtMost200CharactersOrIssue() {
    assertThat(IssueTasks.name(issue("  Fix it  ", null))).isEqualTo("Fix it");
    assertThat(IssueTasks.name(issue("   ", null))).isEqualTo("Issue");
    assertThat(IssueTasks.name(issue("x".repeat(250), null))).hasSize(200);
  }

  @Test
  void aLongEmojiTitleIsCutToTheCoresUtf16LimitWithoutSplittingAnEmoji() {
    // 150 emoji = 300 UTF-16 units: cutting by code points (200) would send 400 units to the core
    String title = "\uD83D\uDE80".repeat(150);

    String name = IssueTasks.name(issue(title, null));
    String notes = IssueTasks.notes(issue(title, null));

    assertThat(name.length()).isLessThanOrEqualTo(200);
    assertThat(name).isEqualTo("\uD83D\uDE80".repeat(100));
    assertThat(notes.length()).isLessThanOrEqualTo(17 + 160);
    assertThat(IssueTasks.name(issue("a" + title, null))).hasSize(199).doesNotEndWith("\uD83D");
  }

  @Test
  void descriptionIsTheTrimmedBodyAtMost2000CharactersOrNull() {
    assertThat(IssueTasks.description(issue("t", "  "))).isNull();
    assertThat(IssueTasks.description(issue("t", null))).isNull();
    assertThat(IssueTasks.description(issue("t", "y".repeat(2500)))).hasSize(2000);
  }

  @Test
  void notesNameTheIssueWithTheTitleCutAt160() {
    assertThat(IssueTasks.notes(issue("z".repeat(200), null)))
        .isEqualTo("GitHub issue #3: " + "z".repeat(160));
  }

  @Test
  void theLabelFilterMatchesAnyCaseAndPassesEverythingWhenUnset() {
    Issue labelled = new Issue(1, "t", null, "open", List.of("TimeTracker"), false);
    Issue other = new Issue(2, "t", null, "open", List.of("bug"), false);
    assertThat(IssueTasks.passesFilter(connection("o", "r", "timetracker"), labelled)).isTrue();
    assertThat(IssueTasks.passesFilter(connection("o", "r", "timetracker"), other)).isFalse();
    assertThat(IssueTasks.passesFilter(connection("o", "r", null), other)).isTrue();
  }

  private static Issue issue(String title, String body) {
    return new Issue(3, title, body, "open", List.of(), false);
  }

  private static Connection connection(String owner, String repo, String filter) {
    Instant now = Instant.now();
    return new Connection(
        UUID.randomUUID(),
        1,
        "sub",
        owner,
        repo,
        "enc",
        null,
        1L,
        filter,
        false,
        TimerPolicy.SKIP,
        false,
        true,
        null,
        null,
        null,
        null,
        now,
        now,
        null,
        null,
        null,
        null);
  }
}
