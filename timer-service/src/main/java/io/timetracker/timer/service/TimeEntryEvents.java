package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.TimeEntry;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Records what happened to a time entry, inside the caller's transaction (the outbox writer
 * implements it): the timer's start and stop on the caller's reactive-client connection, the other
 * changes in its Hibernate Reactive session. The entry is given as it commits (id and version set).
 */
public interface TimeEntryEvents {
  Uni<Void> started(SqlConnection tx, TimeEntry entry);

  Uni<Void> stopped(SqlConnection tx, TimeEntry entry);

  Uni<Void> created(TimeEntry entry);

  Uni<Void> updated(TimeEntry entry);

  Uni<Void> deleted(TimeEntry entry);
}
