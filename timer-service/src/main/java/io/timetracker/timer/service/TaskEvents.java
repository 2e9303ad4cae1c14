package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.Task;

/** Records what happened to a task, inside the caller's transaction. */
public interface TaskEvents {
  Uni<Void> created(Task task);

  Uni<Void> updated(Task task);

  Uni<Void> statusChanged(Task task, String previousStatus);
}
