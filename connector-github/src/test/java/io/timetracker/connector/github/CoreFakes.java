package io.timetracker.connector.github;

import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import java.time.Instant;
import java.util.List;

/**
 * What the mocked core answers: tasks with an id derived from their reference, entries as asked.
 */
public final class CoreFakes {

  private CoreFakes() {}

  /** The task id the fake core gives the task with this reference. */
  public static long taskId(String ref) {
    return Math.abs(ref.hashCode()) + 1L;
  }

  /** The task an upsert creates or updates. */
  public static TaskDto task(UpsertTaskByRefRequest r) {
    return new TaskDto(
        taskId(r.externalRef()),
        r.projectId(),
        r.name(),
        r.description(),
        r.status() == null ? "todo" : r.status(),
        r.priority(),
        null,
        null,
        "done".equals(r.status()) ? Instant.now() : null,
        r.externalRef(),
        "github",
        0);
  }

  /** The running entry a timer start creates (id 500). */
  public static TimeEntryDto entry(long userId, ServiceStartTimerRequest r) {
    return new TimeEntryDto(
        500,
        userId,
        r.projectId(),
        r.taskId(),
        Instant.now(),
        null,
        null,
        r.notes(),
        List.of(),
        true,
        r.source(),
        r.externalRef(),
        true,
        Instant.now(),
        Instant.now(),
        0);
  }
}
