package io.timetracker.connector.gcal.service;

import java.util.ArrayList;
import java.util.List;

/** Counters of one import run (one run is one sequential chain: no concurrent updates). */
public final class ImportTally {

  int created;
  int updated;
  int deleted;
  int skipped;
  int conflicts;
  int exportsQueued;
  String lastConflict;
  String syncToken;
  boolean full;
  final List<String> errors = new ArrayList<>();

  /** Entries created. */
  public int created() {
    return created;
  }

  /** Entries moved or renamed. */
  public int updated() {
    return updated;
  }

  /** Entries deleted because their event was cancelled. */
  public int deleted() {
    return deleted;
  }

  /** Events left alone (all-day, declined, running, ours, unchanged). */
  public int skipped() {
    return skipped;
  }

  /** Calendar changes not applied because the person edited the entry. */
  public int conflicts() {
    return conflicts;
  }

  /** Finished entries queued for export by this sync. */
  public int exportsQueued() {
    return exportsQueued;
  }

  /** What failed. */
  public List<String> errors() {
    return errors;
  }

  /** Whether this run listed the whole window. */
  public boolean full() {
    return full;
  }
}
