package io.timetracker.contracts.event;

import java.util.Map;
import java.util.Optional;

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

  /** Where the producer must publish events of a type, if the type is one of the above. */
  public static Optional<String> topicOf(String type) {
    if (!PAYLOADS.containsKey(type)) {
      return Optional.empty();
    }
    return Optional.of(type.startsWith("timetracker.task.") ? TASKS_TOPIC : TIME_ENTRIES_TOPIC);
  }

  /** The CloudEvents type of a payload record, e.g. {@code TaskCreated} → {@link #TASK_CREATED}. */
  public static String typeOf(Class<? extends CoreEvent> payload) {
    return PAYLOADS.entrySet().stream()
        .filter(e -> e.getValue().equals(payload))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payload));
  }

  /** The classpath location of a type's JSON Schema, e.g. {@code schemas/<type>.json}. */
  public static String schemaResource(String type) {
    return "schemas/" + type + ".json";
  }

  private EventTypes() {}
}
