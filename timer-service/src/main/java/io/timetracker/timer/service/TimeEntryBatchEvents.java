package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.TimeEntry;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;

/**
 * Records the events of a batch of created or updated time entries on the caller's connection,
 * inside its transaction (the outbox writer implements it): one row per change, in the given order.
 */
public interface TimeEntryBatchEvents {
  Uni<Void> record(SqlConnection tx, List<Change> changes);

  /** An entry as it commits (id and version set) and whether it is new. */
  record Change(TimeEntry entry, boolean created) {}
}
