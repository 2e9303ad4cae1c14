package io.timetracker.contracts.event;

import java.util.Map;

/** Topic names and CloudEvents types of the core's events (DESIGN §3). */
public final class EventTypes {
  public static final String TIME_ENTRIES_TOPIC = "tt.time-entries.v1";
  public static final String TASKS_TOPIC = "tt.tasks.v1";
  public static final String DLQ_SUFFIX = ".dlq";

  public static final String TIME_ENTRY_STARTED = "timetracker.time-entry.started.v1";
  public static final String TIME_ENTRY_STOPPED = "timetracker.time-entry.stopped.v1";
  public static final String TIME_ENTRY_CREATED = "timetracker.time-entry.created.v1";
  public static final String TIME_ENTRY_UPDATED = "timetracker.time-entry.updated.v1";
  public static final String TIME_ENTRY_DELETED = "timetracker.time-entry.deleted.v1";
  public static final String TASK_CREATED = "timetracker.task.created.v1";
  public static final String TASK_UPDATED = "timetracker.task.updated.v1";
  public static final String TASK_STATUS_CHANGED = "timetracker.task.status-changed.v1";

  /** Each CloudEvents type and the record its payload reads into. */
  public static final Map<String, Class<?>> PAYLOADS =
      Map.of(
          TIME_ENTRY_STARTED, TimeEntryStarted.class,
          TIME_ENTRY_STOPPED, TimeEntryStopped.class,
          TIME_ENTRY_CREATED, TimeEntryCreated.class,
          TIME_ENTRY_UPDATED, TimeEntryUpdated.class,
          TIME_ENTRY_DELETED, TimeEntryDeleted.class,
          TASK_CREATED, TaskCreated.class,
          TASK_UPDATED, TaskUpdated.class,
          TASK_STATUS_CHANGED, TaskStatusChanged.class);

  private EventTypes() {}
}
