package io.timetracker.connector.gcal;

import io.timetracker.connector.kit.timer.TimerService.Upserted;
import io.timetracker.contracts.api.ExternalTimeEntryBatchResult;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.client.CoreNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core's time entries by external reference, as the mocked {@code TimerService} answers them:
 * upserts create (new id) or replace (same id, version + 1), deletes remove.
 */
public final class FakeCore {

  private final Map<String, TimeEntryDto> entries = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final AtomicLong upserts = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();

  /** Creates or replaces the entry with the request's reference. */
  public Upserted<TimeEntryDto> upsert(long userId, ExternalTimeEntryRequest r) {
    upserts.incrementAndGet();
    String key = userId + "/" + r.externalRef();
    TimeEntryDto old = entries.get(key);
    long id = old == null ? ids.incrementAndGet() : old.id();
    long version = old == null ? 0 : old.version() + 1;
    TimeEntryDto entry =
        new TimeEntryDto(
            id,
            userId,
            r.projectId(),
            r.taskId(),
            r.start(),
            r.end(),
            (int) (r.end().getEpochSecond() - r.start().getEpochSecond()),
            r.notes(),
            List.of(),
            Boolean.TRUE.equals(r.billable()),
            r.source(),
            r.externalRef(),
            false,
            Instant.now(),
            Instant.now(),
            version);
    entries.put(key, entry);
    return new Upserted<>(entry, old == null);
  }

  /**
   * A batch upsert as the core answers it: every item created or replaced in order (the fake
   * refuses nothing); counts one batch call and one upsert per item.
   */
  public List<ExternalTimeEntryBatchResult.Item> upsertAll(
      long userId, List<ExternalTimeEntryRequest> requests) {
    batches.incrementAndGet();
    List<ExternalTimeEntryBatchResult.Item> items = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      Upserted<TimeEntryDto> done = upsert(userId, requests.get(i));
      items.add(
          new ExternalTimeEntryBatchResult.Item(
              i,
              requests.get(i).externalRef(),
              done.created()
                  ? ExternalTimeEntryBatchResult.CREATED
                  : ExternalTimeEntryBatchResult.UPDATED,
              done.value(),
              null));
    }
    return items;
  }

  /** How many batch upserts were asked. */
  public long batches() {
    return batches.get();
  }

  /** Deletes the entry; 404 when there is none. */
  public void delete(long userId, String ref) {
    if (entries.remove(userId + "/" + ref) == null) {
      throw new CoreNotFoundException("time_entry_not_found", "no entry " + ref);
    }
  }

  /** The entries by reference (of every user: for tests with one person). */
  public Map<String, TimeEntryDto> entries() {
    Map<String, TimeEntryDto> byRef = new java.util.HashMap<>();
    entries.values().forEach(e -> byRef.put(e.externalRef(), e));
    return byRef;
  }

  /** How many entries exist for all users. */
  public int count() {
    return entries.size();
  }

  /** How many upserts were asked (creates and replacements). */
  public long upserts() {
    return upserts.get();
  }

  /** Forgets everything. */
  public void clear() {
    entries.clear();
    upserts.set(0);
    batches.set(0);
  }
}
