package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ExternalTimeEntryBatchResult;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.Problem;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.mapping.TimeEntryRows;
import io.timetracker.timer.model.TimeEntry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The single upsert by external reference ({@link TimeEntryService#upsertByRef}) for a page of one
 * user's entries: every item is checked as the single call checks its body (bean validation, the
 * period, the project trackable by the user, the task of the project), and then all items are
 * written in one transaction with few statements: one {@code SELECT … FOR UPDATE} of the page's
 * existing references, one batch of inserts, one batch of updates and one batch of outbox rows
 * ({@code executeBatch}: one round trip each). An item equal to its stored entry writes nothing and
 * records no event; every created or changed entry gets its outbox row in the same transaction.
 *
 * <p>An item that fails a check is refused with the problem the single call would have answered
 * (status, code, detail) and the others are applied; so is a second item with the same reference
 * (422 {@code duplicate_external_ref}) and an item whose reference another transaction created
 * while this one ran (409 {@code concurrent_upsert}, as the single call answers; retrying gives
 * {@code updated} or {@code unchanged}).
 *
 * <p>Project and task are read before the write transaction, through {@link ProjectAccess}; the
 * single call reads them in its transaction but without a lock, so under read committed the two
 * guarantee the same (a project archived a moment later is not seen by either).
 */
@ApplicationScoped
public class TimeEntryBatchService {
  // locked in id order, so two batches of the same user wait for each other instead of deadlocking
  static final String LOCK_EXISTING =
      "SELECT "
          + TimeEntryRows.COLUMNS
          + " FROM time_entries WHERE user_id = $1 AND external_ref = ANY($2) ORDER BY id"
          + " FOR UPDATE";

  // a reference another transaction inserted meanwhile returns no row (refused, retryable)
  static final String INSERT =
      """
      INSERT INTO time_entries (user_id, project_id, task_id, start_time, end_time,
                                duration_seconds, notes, billable, source, external_ref,
                                service_client, created_at, updated_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0)
      ON CONFLICT (user_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
      RETURNING id
      """;

  static final String UPDATE =
      """
      UPDATE time_entries SET project_id = $2, task_id = $3, start_time = $4, end_time = $5,
             duration_seconds = $6, notes = $7, billable = $8, source = $9, service_client = $10,
             updated_at = $11, version = version + 1
       WHERE id = $1
      """;

  private final Pool pool;
  private final ProjectAccess access;
  private final TimeEntryBatchEvents events;
  private final Validator validator;
  private final Clock clock;

  public TimeEntryBatchService(
      Pool pool,
      ProjectAccess access,
      TimeEntryBatchEvents events,
      Validator validator,
      Clock clock) {
    this.pool = pool;
    this.access = access;
    this.events = events;
    this.validator = validator;
    this.clock = clock;
  }

  /** Creates, replaces or leaves each item's entry; one result per item, in order. */
  public Uni<ExternalTimeEntryBatchResult> upsert(
      CurrentUser user, List<ExternalTimeEntryRequest> items) {
    List<Slot> slots = checked(items);
    return projectChecks(user, slots)
        .chain(() -> pool.withTransaction(tx -> write(tx, user, slots)))
        .map(ignored -> result(slots));
  }

  /** Bean validation, period and duplicates, per item. */
  private List<Slot> checked(List<ExternalTimeEntryRequest> items) {
    List<Slot> slots = new ArrayList<>(items.size());
    Set<String> refs = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Slot slot = new Slot(i, items.get(i));
      slots.add(slot);
      if (slot.req == null) {
        slot.refuse(Problem.invalid(List.of(new Problem.FieldError("items", "must not be null"))));
        continue;
      }
      Set<ConstraintViolation<ExternalTimeEntryRequest>> violations = validator.validate(slot.req);
      if (!violations.isEmpty()) {
        slot.refuse(Problem.ofViolations(violations));
        continue;
      }
      try {
        EntryFields.period(slot.req.start(), slot.req.end());
      } catch (ApiException e) {
        slot.refuse(problem(e));
        continue;
      }
      if (!refs.add(slot.req.externalRef())) {
        slot.refuse(
            problem(
                ApiException.unprocessable(
                    "duplicate_external_ref",
                    "External reference "
                        + slot.req.externalRef()
                        + " appears earlier in this batch; each may appear once.")));
      }
    }
    return slots;
  }

  /** The single call's project and task rules, once per distinct project and task. */
  private Uni<Void> projectChecks(CurrentUser user, List<Slot> slots) {
    Set<Long> projectIds = new LinkedHashSet<>();
    for (Slot s : slots) {
      if (s.problem == null) {
        projectIds.add(s.req.projectId());
      }
    }
    if (projectIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Map<Long, Problem> projectRefusals = new HashMap<>();
    Map<List<Long>, Problem> taskRefusals = new HashMap<>();
    return Panache.withSession(
            () ->
                Multi.createFrom()
                    .iterable(projectIds)
                    .onItem()
                    .transformToUniAndConcatenate(
                        id ->
                            refusal(access.requireTrackable(user, id))
                                .invoke(p -> p.ifPresent(x -> projectRefusals.put(id, x))))
                    .collect()
                    .last()
                    .chain(() -> taskChecks(slots, projectRefusals, taskRefusals)))
        .invoke(
            () -> {
              for (Slot s : slots) {
                if (s.problem != null) {
                  continue;
                }
                Problem p = projectRefusals.get(s.req.projectId());
                if (p == null && s.req.taskId() != null) {
                  p = taskRefusals.get(List.of(s.req.taskId(), s.req.projectId()));
                }
                if (p != null) {
                  s.refuse(p);
                }
              }
            });
  }

  private Uni<Void> taskChecks(
      List<Slot> slots, Map<Long, Problem> projectRefusals, Map<List<Long>, Problem> refusals) {
    Set<List<Long>> pairs = new LinkedHashSet<>();
    for (Slot s : slots) {
      if (s.problem == null
          && s.req.taskId() != null
          && !projectRefusals.containsKey(s.req.projectId())) {
        pairs.add(List.of(s.req.taskId(), s.req.projectId()));
      }
    }
    return Multi.createFrom()
        .iterable(pairs)
        .onItem()
        .transformToUniAndConcatenate(
            pair ->
                refusal(access.requireTaskOf(pair.get(0), pair.get(1)))
                    .invoke(p -> p.ifPresent(x -> refusals.put(pair, x))))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** Empty when the check passed; the problem of its ApiException otherwise. */
  private static Uni<java.util.Optional<Problem>> refusal(Uni<?> check) {
    return check
        .map(ignored -> java.util.Optional.<Problem>empty())
        .onFailure(ApiException.class)
        .recoverWithItem(f -> java.util.Optional.of(problem((ApiException) f)));
  }

  private Uni<Void> write(SqlConnection tx, CurrentUser user, List<Slot> slots) {
    List<Slot> live = slots.stream().filter(s -> s.problem == null).toList();
    if (live.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String[] refs = live.stream().map(s -> s.req.externalRef()).toArray(String[]::new);
    return tx.preparedQuery(LOCK_EXISTING)
        .execute(Tuple.of(user.id(), refs))
        .chain(rows -> apply(tx, user, live, existing(rows)));
  }

  private Uni<Void> apply(
      SqlConnection tx, CurrentUser user, List<Slot> live, Map<String, TimeEntry> existing) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Slot> inserts = new ArrayList<>();
    List<Slot> updates = new ArrayList<>();
    for (Slot s : live) {
      TimeEntry stored = existing.get(s.req.externalRef());
      if (stored == null) {
        TimeEntry e = new TimeEntry();
        e.userId = user.id();
        e.externalRef = s.req.externalRef();
        e.createdAt = now;
        e.updatedAt = now;
        e.serviceClient = user.serviceClient();
        TimeEntryService.setExternal(e, s.req, user);
        s.entry = e;
        s.outcome = ExternalTimeEntryBatchResult.CREATED;
        inserts.add(s);
        continue;
      }
      TimeEntryService.Snapshot before = TimeEntryService.Snapshot.of(stored);
      TimeEntryService.setExternal(stored, s.req, user);
      s.entry = stored;
      if (before.equals(TimeEntryService.Snapshot.of(stored))) {
        // a repeated sync of an unchanged item: no write, no event, no new updatedAt
        s.outcome = ExternalTimeEntryBatchResult.UNCHANGED;
        continue;
      }
      stored.updatedAt = now;
      stored.serviceClient = user.serviceClient();
      stored.version = stored.version + 1;
      s.outcome = ExternalTimeEntryBatchResult.UPDATED;
      updates.add(s);
    }
    // new references in one order, so concurrent batches with the same new ones cannot deadlock
    inserts.sort(Comparator.comparing((Slot s) -> s.req.externalRef()));
    return insert(tx, inserts)
        .chain(() -> update(tx, updates))
        .chain(
            () -> {
              List<TimeEntryBatchEvents.Change> changes = new ArrayList<>();
              for (Slot s : live) {
                if (s.problem == null && s.changed()) {
                  changes.add(
                      new TimeEntryBatchEvents.Change(
                          s.entry, ExternalTimeEntryBatchResult.CREATED.equals(s.outcome)));
                }
              }
              return events.record(tx, changes);
            });
  }

  private static Uni<Void> insert(SqlConnection tx, List<Slot> inserts) {
    if (inserts.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(inserts.size());
    for (Slot s : inserts) {
      TimeEntry e = s.entry;
      rows.add(
          Tuple.tuple()
              .addLong(e.userId)
              .addLong(e.projectId)
              .addLong(e.taskId)
              .addValue(at(e.start))
              .addValue(at(e.end))
              .addInteger(e.durationSeconds)
              .addString(e.notes)
              .addBoolean(e.billable)
              .addString(e.source)
              .addString(e.externalRef)
              .addString(e.serviceClient)
              .addValue(at(e.createdAt))
              .addValue(at(e.updatedAt)));
    }
    return tx.preparedQuery(INSERT)
        .executeBatch(rows)
        .invoke(
            result -> {
              RowSet<Row> rs = result;
              for (Slot s : inserts) {
                if (rs.size() == 1) {
                  s.entry.id = rs.iterator().next().getLong("id");
                } else {
                  s.refuse(
                      problem(
                          ApiException.conflict(
                              "concurrent_upsert", "The entry was created concurrently; retry.")));
                }
                rs = rs.next();
              }
            })
        .replaceWithVoid();
  }

  private static Uni<Void> update(SqlConnection tx, List<Slot> updates) {
    if (updates.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(updates.size());
    for (Slot s : updates) {
      TimeEntry e = s.entry;
      rows.add(
          Tuple.tuple()
              .addLong(e.id)
              .addLong(e.projectId)
              .addLong(e.taskId)
              .addValue(at(e.start))
              .addValue(at(e.end))
              .addInteger(e.durationSeconds)
              .addString(e.notes)
              .addBoolean(e.billable)
              .addString(e.source)
              .addString(e.serviceClient)
              .addValue(at(e.updatedAt)));
    }
    return tx.preparedQuery(UPDATE).executeBatch(rows).replaceWithVoid();
  }

  private static Map<String, TimeEntry> existing(RowSet<Row> rows) {
    Map<String, TimeEntry> byRef = new HashMap<>();
    for (Row r : rows) {
      TimeEntry e = TimeEntryRows.entry(r);
      byRef.put(e.externalRef, e);
    }
    return byRef;
  }

  private static ExternalTimeEntryBatchResult result(List<Slot> slots) {
    List<ExternalTimeEntryBatchResult.Item> items = new ArrayList<>(slots.size());
    for (Slot s : slots) {
      String ref = s.req == null ? null : s.req.externalRef();
      items.add(
          s.problem != null
              ? new ExternalTimeEntryBatchResult.Item(
                  s.index, ref, ExternalTimeEntryBatchResult.REFUSED, null, s.problem)
              : new ExternalTimeEntryBatchResult.Item(
                  s.index, ref, s.outcome, DtoMapper.toDto(s.entry), null));
    }
    return ExternalTimeEntryBatchResult.of(items);
  }

  static Problem problem(ApiException e) {
    return Problem.of(e.status(), e.code(), e.title(), e.getMessage(), e.errors());
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  /** One item on its way through the checks and the write. */
  private static final class Slot {
    final int index;
    final ExternalTimeEntryRequest req;
    Problem problem;
    TimeEntry entry;
    String outcome;

    Slot(int index, ExternalTimeEntryRequest req) {
      this.index = index;
      this.req = req;
    }

    void refuse(Problem p) {
      this.problem = p;
      this.entry = null;
    }

    boolean changed() {
      return !ExternalTimeEntryBatchResult.UNCHANGED.equals(outcome);
    }
  }
}
