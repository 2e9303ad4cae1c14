package io.timetracker.connector.slack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.contracts.api.ProjectDto;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectMatchTest {

  private static ProjectDto p(long id, String name, String status) {
    return new ProjectDto(id, 1, name, "C" + id, status, true, BigDecimal.ZERO);
  }

  private static final List<ProjectDto> PROJECTS =
      List.of(
          p(5, "Website", "active"),
          p(2, "Web shop", "active"),
          p(9, "Webinar series", "archived"),
          p(4, "website", "active"));

  @Test
  void listsCandidatesInNameThenIdOrder() {
    assertThat(ProjectMatch.of("web", PROJECTS).candidates())
        .extracting(ProjectDto::id)
        .containsExactly(2L, 4L, 5L);
  }

  @Test
  void neverOffersAnInactiveProject() {
    assertThat(ProjectMatch.of("webinar", PROJECTS).candidates()).isEmpty();
  }

  @Test
  void anIdSelectsExactlyThatProject() {
    assertThat(ProjectMatch.of("5", PROJECTS).candidates())
        .extracting(ProjectDto::id)
        .containsExactly(5L);
  }

  @Test
  void anExactNameWinsOverPartialMatchesOnlyWhenItIsUnique() {
    assertThat(ProjectMatch.of("web shop", PROJECTS).unique()).isTrue();
    assertThat(ProjectMatch.of("website", PROJECTS).candidates()).hasSize(2);
  }
}
