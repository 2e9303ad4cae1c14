package io.timetracker.contracts.event;

/** A payload on {@code tt.tasks.v1}; the record key is the task's project id. */
public sealed interface TaskEvent extends CoreEvent
    permits TaskCreated, TaskUpdated, TaskStatusChanged {
  long taskId();

  long projectId();
}
