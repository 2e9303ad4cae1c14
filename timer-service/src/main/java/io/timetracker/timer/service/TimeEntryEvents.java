package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.TimeEntry;

/**
 * Records what happened to a time entry, inside the caller's transaction (the outbox writer
 * implements it).
 */
public interface TimeEntryEvents {
  Uni<Void> started(TimeEntry entry);

  Uni<Void> stopped(TimeEntry entry);

  Uni<Void> created(TimeEntry entry);

  Uni<Void> updated(TimeEntry entry);

  Uni<Void> deleted(TimeEntry entry);
}
