package io.timetracker.connector.slack.service;

import io.timetracker.contracts.api.ProjectDto;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which of the user's accessible active projects {@code /tt start <arg>} means: an id, else the one
 * whose name is the argument (ignoring case), else those whose name or code contains it — in a
 * deterministic order (name, then id).
 *
 * @param candidates the matching projects, ordered; exactly one means "start it"
 */
public record ProjectMatch(List<ProjectDto> candidates) {

  private static final Comparator<ProjectDto> ORDER =
      Comparator.comparing((ProjectDto p) -> p.name().toLowerCase(Locale.ROOT))
          .thenComparingLong(ProjectDto::id);

  /** Matches {@code argument} among {@code projects} (the core's active, accessible ones). */
  public static ProjectMatch of(String argument, List<ProjectDto> projects) {
    String arg = argument.strip();
    List<ProjectDto> active =
        projects.stream().filter(p -> "active".equals(p.status())).sorted(ORDER).toList();
    if (arg.chars().allMatch(Character::isDigit)) {
      long id = parseId(arg);
      List<ProjectDto> byId = active.stream().filter(p -> p.id() == id).toList();
      if (!byId.isEmpty()) {
        return new ProjectMatch(byId);
      }
    }
    String needle = arg.toLowerCase(Locale.ROOT);
    List<ProjectDto> exact =
        active.stream().filter(p -> p.name().toLowerCase(Locale.ROOT).equals(needle)).toList();
    if (exact.size() == 1) {
      return new ProjectMatch(exact);
    }
    return new ProjectMatch(
        active.stream()
            .filter(
                p ->
                    p.name().toLowerCase(Locale.ROOT).contains(needle)
                        || (p.code() != null && p.code().toLowerCase(Locale.ROOT).contains(needle)))
            .toList());
  }

  /** The one project meant, when exactly one matched. */
  public boolean unique() {
    return candidates.size() == 1;
  }

  private static long parseId(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooLong) {
      return -1;
    }
  }
}
