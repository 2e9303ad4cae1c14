package io.timetracker.contracts.event;

/** A payload on {@code tt.time-entries.v1}; the record key is the owning user's id. */
public sealed interface TimeEntryEvent extends CoreEvent
    permits TimeEntryStarted,
        TimeEntryStopped,
        TimeEntryCreated,
        TimeEntryUpdated,
        TimeEntryDeleted {
  long entryId();

  long userId();
}
