package io.timetracker.connector.github.service;

import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.Issue;
import io.timetracker.connector.github.model.IssueEvent;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** How an issue becomes a task, with the repository in the reference. */
public final class IssueTasks {

  private static final Set<String> FIELD_UPDATES =
      Set.of("opened", "edited", "labeled", "unlabeled");
  private static final Set<String> STATUS_UPDATES = Set.of("closed", "reopened");

  private static final Map<String, String> PRIORITY_BY_LABEL =
      Map.of("bug", "high", "critical", "high", "enhancement", "medium");

  private IssueTasks() {}

  /** {@code github:{owner}/{repo}#{number}}: unique per repository, so two repos never collide. */
  public static String ref(Connection c, int number) {
    return "github:" + c.fullName() + "#" + number;
  }

  /** First label in payload order that maps to a priority wins; none → {@code low}. */
  public static String priority(List<String> labels) {
    for (String label : labels) {
      String p = PRIORITY_BY_LABEL.get(label.toLowerCase(Locale.ROOT).strip());
      if (p != null) {
        return p;
      }
    }
    return "low";
  }

  /** Whether the issue passes the connection's label filter (none set: every issue). */
  public static boolean passesFilter(Connection c, Issue issue) {
    if (c.labelFilter() == null || c.labelFilter().isBlank()) {
      return true;
    }
    String wanted = c.labelFilter().strip().toLowerCase(Locale.ROOT);
    return issue.labels().stream().anyMatch(l -> l.strip().toLowerCase(Locale.ROOT).equals(wanted));
  }

  /** Title trimmed to 200 UTF-16 units, {@code Issue} when empty. */
  public static String name(Issue issue) {
    String title = issue.title() == null ? "" : issue.title().strip();
    return title.isEmpty() ? "Issue" : cut(title, 200);
  }

  /** Body trimmed to 2000 characters, {@code null} when empty. */
  public static String description(Issue issue) {
    String body = issue.body() == null ? "" : issue.body().strip();
    return body.isEmpty() ? null : cut(body, 2000);
  }

  /** {@code GitHub issue #N: <title up to 160>}. */
  public static String notes(Issue issue) {
    String title = issue.title() == null ? "" : issue.title().strip();
    return "GitHub issue #" + issue.number() + ": " + cut(title, 160);
  }

  /** The upsert for this issue in the connection's default project; status may be null (keep). */
  public static UpsertTaskByRefRequest upsert(
      Connection c, long projectId, Issue issue, String status) {
    return new UpsertTaskByRefRequest(
        projectId,
        ref(c, issue.number()),
        "github",
        name(issue),
        description(issue),
        status,
        priority(issue.labels()));
  }

  // the core counts UTF-16 units (Bean Validation's @Size on a String), so cut by those, never
  // between the two halves of a surrogate pair (an emoji)
  /**
   * Whether {@code later}, the next delivery of the same issue, makes the task upsert of {@code
   * earlier} redundant: the earlier one only sets fields (opened, edited, labeled, unlabeled), and
   * the later one upserts the same issue's task from a newer copy of the issue (those actions, or
   * closed/reopened, which set the fields too) and passes the connection's label filter.
   */
  public static boolean supersedes(Connection c, IssueEvent earlier, IssueEvent later) {
    return FIELD_UPDATES.contains(earlier.action())
        && (FIELD_UPDATES.contains(later.action()) || STATUS_UPDATES.contains(later.action()))
        && later.issue().number() == earlier.issue().number()
        && later.repositoryFullName().equalsIgnoreCase(earlier.repositoryFullName())
        && passesFilter(c, later.issue());
  }

  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
