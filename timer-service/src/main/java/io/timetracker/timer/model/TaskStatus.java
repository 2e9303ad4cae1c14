package io.timetracker.timer.model;

import java.time.Instant;

/** The task life cycle and its allowed transitions. */
public final class TaskStatus {
  public static final String TODO = "todo";
  public static final String IN_PROGRESS = "in_progress";
  public static final String REVIEW = "review";
  public static final String DONE = "done";
  public static final String CANCELLED = "cancelled";

  private TaskStatus() {}

  /**
   * Whether a task may move from one status to another. Done and cancelled tasks may only be
   * reopened to todo; a cancelled task cannot be completed, a done task cannot be cancelled.
   */
  public static boolean allowed(String from, String to) {
    if (from.equals(to)) {
      return true;
    }
    return switch (from) {
      case DONE, CANCELLED -> TODO.equals(to);
      default -> true;
    };
  }

  /** Applies a transition, keeping started/completed instants consistent with the status. */
  public static void apply(Task task, String to, Instant now) {
    if (task.status.equals(to)) {
      return;
    }
    switch (to) {
      case IN_PROGRESS -> {
        if (task.startedAt == null) {
          task.startedAt = now;
        }
        task.completedAt = null;
      }
      case DONE -> task.completedAt = now;
      case TODO, REVIEW, CANCELLED -> task.completedAt = null;
      default -> throw new IllegalArgumentException("unknown status " + to);
    }
    task.status = to;
  }
}
