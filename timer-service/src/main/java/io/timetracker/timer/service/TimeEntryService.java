package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.CreateTimeEntryRequest;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.PageDto;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.UpdateTimeEntryRequest;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.model.TimeEntry;
import io.timetracker.timer.repository.TimeEntryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/** Time entries entered or changed by hand, and by connectors through external references. */
@ApplicationScoped
public class TimeEntryService {
  private static final Logger LOG = Logger.getLogger(TimeEntryService.class);

  private final TimeEntryRepository entries;
  private final ProjectAccess access;
  private final TimeEntryEvents events;
  private final Clock clock;

  public TimeEntryService(
      TimeEntryRepository entries, ProjectAccess access, TimeEntryEvents events, Clock clock) {
    this.entries = entries;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  /** Creates a finished entry; end must not be before start. */
  @WithTransaction
  public Uni<TimeEntry> create(CurrentUser user, CreateTimeEntryRequest req, String source) {
    EntryFields.period(req.start(), req.end());
    String tags = EntryFields.tags(req.tags());
    return access
        .requireTrackable(user, req.projectId())
        .call(() -> access.requireTaskOf(req.taskId(), req.projectId()))
        .chain(
            project -> {
              Instant now = now();
              TimeEntry e = new TimeEntry();
              e.userId = user.id();
              e.projectId = project.id;
              e.taskId = req.taskId();
              e.start = req.start();
              e.end = req.end();
              e.durationSeconds = Durations.rounded(e.start, e.end, user.rounding());
              e.notes = DtoMapper.cleanNotes(req.notes());
              e.tags = tags;
              e.billable = req.billable() == null || req.billable();
              e.source = source;
              e.createdAt = now;
              e.updatedAt = now;
              return entries.persist(e).call(entries::flush);
            })
        .call(events::created);
  }

  /** One of the user's own entries; 404 for anyone else's. */
  @WithSession
  public Uni<TimeEntry> get(CurrentUser user, long id) {
    return owned(user, id);
  }

  /** A page of the user's entries starting in [from, to). */
  @WithSession
  public Uni<PageDto<TimeEntryDto>> list(
      CurrentUser user, Instant from, Instant to, Long projectId, int page, int size) {
    return entries
        .count(user.id(), from, to, projectId)
        .chain(
            total ->
                entries
                    .page(user.id(), from, to, projectId, page, size)
                    .map(
                        list ->
                            new PageDto<>(
                                list.stream().map(DtoMapper::toDto).toList(), page, size, total)));
  }

  /** Applies the present fields of a partial update; a stale version gives 409. */
  @WithTransaction
  public Uni<TimeEntry> update(CurrentUser user, long id, UpdateTimeEntryRequest req) {
    EntryFields.instant("start", req.start());
    EntryFields.instant("end", req.end());
    String tags = req.tags() == null ? null : EntryFields.tags(req.tags());
    return owned(user, id)
        .invoke(
            e -> {
              if (req.version() != null && req.version() != e.version) {
                throw ApiException.conflict(
                    "stale_version",
                    "The entry changed since version " + req.version() + "; reload it.");
              }
            })
        .call(
            e -> {
              long projectId = req.projectId() != null ? req.projectId() : e.projectId;
              Long taskId = req.taskId() != null ? req.taskId() : e.taskId;
              if (req.projectId() != null && req.taskId() == null && projectId != e.projectId) {
                taskId = null;
              }
              Long finalTask = taskId;
              Uni<?> check =
                  req.projectId() != null && req.projectId() != e.projectId
                      ? access.requireTrackable(user, projectId)
                      : Uni.createFrom().voidItem();
              return check
                  .chain(() -> access.requireTaskOf(finalTask, projectId))
                  .invoke(
                      () -> {
                        e.projectId = projectId;
                        e.taskId = finalTask;
                      });
            })
        .invoke(
            e -> {
              if (req.start() != null) {
                e.start = req.start();
              }
              if (req.end() != null) {
                e.end = req.end();
              }
              if (e.end != null) {
                EntryFields.period(e.start, e.end);
                e.durationSeconds = Durations.rounded(e.start, e.end, user.rounding());
              }
              if (req.notes() != null) {
                e.notes = DtoMapper.cleanNotes(req.notes());
              }
              if (req.tags() != null) {
                e.tags = tags;
              }
              if (req.billable() != null) {
                e.billable = req.billable();
              }
              e.updatedAt = now();
            })
        .call(entries::flush)
        .call(events::updated);
  }

  /** Deletes one of the user's entries. */
  @WithTransaction
  public Uni<Void> delete(CurrentUser user, long id) {
    return owned(user, id).call(events::deleted).call(entries::delete).replaceWithVoid();
  }

  /** Creates or replaces the user's finished entry with this external reference. */
  @WithTransaction
  public Uni<UpsertResult> upsertByRef(CurrentUser user, ExternalTimeEntryRequest req) {
    EntryFields.period(req.start(), req.end());
    return access
        .requireTrackable(user, req.projectId())
        .call(() -> access.requireTaskOf(req.taskId(), req.projectId()))
        .chain(() -> entries.findByExternalRef(user.id(), req.externalRef()))
        .chain(
            existing -> {
              Instant now = now();
              boolean created = existing == null;
              TimeEntry e = created ? new TimeEntry() : existing;
              Snapshot before = created ? null : Snapshot.of(e);
              if (created) {
                e.userId = user.id();
                e.externalRef = req.externalRef();
                e.createdAt = now;
              }
              setExternal(e, req, user);
              if (!created && before.equals(Snapshot.of(e))) {
                // a repeated sync of an unchanged item: no write, no event, no new updatedAt
                return Uni.createFrom().item(new UpsertResult(e, false));
              }
              e.updatedAt = now;
              e.serviceClient = user.serviceClient();
              Uni<TimeEntry> saved = created ? entries.persist(e) : Uni.createFrom().item(e);
              return saved
                  .call(entries::flush)
                  .call(x -> created ? events.created(x) : events.updated(x))
                  .map(x -> new UpsertResult(x, created));
            })
        .onFailure(f -> Constraints.isViolation(f, Constraints.ENTRY_EXTERNAL_REF))
        .transform(
            f ->
                ApiException.conflict(
                    "concurrent_upsert", "The entry was created concurrently; retry."));
  }

  /** Deletes the user's entry with this external reference; false when there is none. */
  @WithTransaction
  public Uni<Boolean> deleteByRef(CurrentUser user, String externalRef) {
    return entries
        .findByExternalRef(user.id(), externalRef)
        .chain(
            e ->
                e == null
                    ? Uni.createFrom().item(false)
                    : events
                        .deleted(e)
                        .chain(() -> entries.delete(e))
                        .invoke(() -> logDeletion(user, e))
                        .replaceWith(true));
  }

  /** A delete leaves no row to record the client on: the log keeps who deleted what. */
  private static void logDeletion(CurrentUser user, TimeEntry e) {
    LOG.infof(
        "time entry %d of user %d (ref %s) deleted by client %s",
        e.id, e.userId, e.externalRef, user.serviceClient());
  }

  /**
   * Sets the fields an upsert by reference sets (also {@link TimeEntryBatchService}'s): project,
   * task, period to the microsecond, duration rounded as the user rounds, notes, billable, source.
   */
  static void setExternal(TimeEntry e, ExternalTimeEntryRequest req, CurrentUser user) {
    e.projectId = req.projectId();
    e.taskId = req.taskId();
    e.start = req.start().truncatedTo(ChronoUnit.MICROS);
    e.end = req.end().truncatedTo(ChronoUnit.MICROS);
    e.durationSeconds = Durations.rounded(e.start, e.end, user.rounding());
    e.notes = DtoMapper.cleanNotes(req.notes());
    e.billable = req.billable() == null || req.billable();
    e.source = req.source();
  }

  /** The fields an upsert by reference sets, to tell a real change from a repeat. */
  record Snapshot(
      long projectId,
      Long taskId,
      Instant start,
      Instant end,
      Integer durationSeconds,
      String notes,
      boolean billable,
      String source) {
    static Snapshot of(TimeEntry e) {
      return new Snapshot(
          e.projectId, e.taskId, e.start, e.end, e.durationSeconds, e.notes, e.billable, e.source);
    }
  }

  /** Outcome of an upsert: the entry and whether it was new. */
  public record UpsertResult(TimeEntry entry, boolean created) {}

  private Uni<TimeEntry> owned(CurrentUser user, long id) {
    return entries
        .findOwned(id, user.id())
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("time_entry_not_found", "No time entry " + id + "."));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
