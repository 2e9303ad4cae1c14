package io.timetracker.timer.messaging;

import io.timetracker.contracts.event.TaskCreated;
import io.timetracker.contracts.event.TaskStatusChanged;
import io.timetracker.contracts.event.TaskUpdated;
import io.timetracker.contracts.event.TimeEntryCreated;
import io.timetracker.contracts.event.TimeEntryDeleted;
import io.timetracker.contracts.event.TimeEntryStarted;
import io.timetracker.contracts.event.TimeEntryStopped;
import io.timetracker.contracts.event.TimeEntryUpdated;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.model.Task;
import io.timetracker.timer.model.TimeEntry;

/**
 * Builds the contracts' event payloads from entities. Called after the session was flushed, so
 * {@code version} is the one the change committed with.
 */
final class EventPayloads {
  private EventPayloads() {}

  /** {@code ce_subject} of a time entry's events. */
  static String subject(TimeEntry e) {
    return "time-entries/" + e.id;
  }

  /** {@code ce_subject} of a task's events. */
  static String subject(Task t) {
    return "tasks/" + t.id;
  }

  static TimeEntryStarted started(TimeEntry e) {
    return new TimeEntryStarted(
        e.id,
        e.userId,
        e.projectId,
        e.taskId,
        e.start,
        e.notes,
        e.source,
        e.externalRef,
        e.version);
  }

  static TimeEntryStopped stopped(TimeEntry e) {
    return new TimeEntryStopped(
        e.id,
        e.userId,
        e.projectId,
        e.taskId,
        e.start,
        e.end,
        e.durationSeconds == null ? 0 : e.durationSeconds,
        e.notes,
        e.billable,
        e.source,
        e.externalRef,
        e.version);
  }

  static TimeEntryCreated created(TimeEntry e) {
    return new TimeEntryCreated(
        e.id,
        e.userId,
        e.projectId,
        e.taskId,
        e.start,
        e.end,
        e.durationSeconds,
        e.notes,
        DtoMapper.splitTags(e.tags),
        e.billable,
        e.source,
        e.externalRef,
        e.version);
  }

  static TimeEntryUpdated updated(TimeEntry e) {
    return new TimeEntryUpdated(
        e.id,
        e.userId,
        e.projectId,
        e.taskId,
        e.start,
        e.end,
        e.durationSeconds,
        e.notes,
        DtoMapper.splitTags(e.tags),
        e.billable,
        e.source,
        e.externalRef,
        e.version);
  }

  static TimeEntryDeleted deleted(TimeEntry e) {
    return new TimeEntryDeleted(e.id, e.userId, e.projectId, e.source, e.externalRef);
  }

  static TaskCreated created(Task t) {
    return new TaskCreated(
        t.id,
        t.projectId,
        t.name,
        t.description,
        t.status,
        t.priority,
        t.assigneeId,
        t.startedAt,
        t.completedAt,
        t.externalRef,
        t.externalSource,
        t.version);
  }

  static TaskUpdated updated(Task t) {
    return new TaskUpdated(
        t.id,
        t.projectId,
        t.name,
        t.description,
        t.status,
        t.priority,
        t.assigneeId,
        t.startedAt,
        t.completedAt,
        t.externalRef,
        t.externalSource,
        t.version);
  }

  static TaskStatusChanged statusChanged(Task t, String previousStatus) {
    return new TaskStatusChanged(
        t.id,
        t.projectId,
        previousStatus,
        t.status,
        t.startedAt,
        t.completedAt,
        t.externalRef,
        t.externalSource,
        t.version);
  }
}
