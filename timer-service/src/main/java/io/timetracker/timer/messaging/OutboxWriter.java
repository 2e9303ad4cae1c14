package io.timetracker.timer.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.timer.config.OutboxConfig;
import io.timetracker.timer.model.Task;
import io.timetracker.timer.model.TimeEntry;
import io.timetracker.timer.service.TaskEvents;
import io.timetracker.timer.service.TimeEntryBatchEvents;
import io.timetracker.timer.service.TimeEntryEvents;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The outbox writer: records each event as a row of {@code outbox} in the caller's transaction —
 * its Hibernate Reactive session, or its reactive-client connection (the timer's start and stop,
 * the batch upsert) — so the event exists if and only if the change commits. Never talks to Kafka;
 * {@link OutboxRelay} publishes the rows. One payload mapping ({@link EventPayloads}) for both.
 *
 * <p>A Hibernate session is flushed first, so the aggregate's row lock is taken before the outbox
 * row is written and the payload carries the version the change commits with.
 */
@ApplicationScoped
public class OutboxWriter implements TimeEntryEvents, TaskEvents, TimeEntryBatchEvents {
  // parameters are bound as text: the reactive client would otherwise expect driver types for
  // uuid and timestamptz, and would encode a String bound to jsonb as a JSON string
  static final String INSERT =
      """
      INSERT INTO outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                          traceparent, payload)
      VALUES (CAST(CAST(:eventId AS text) AS uuid), :topic, :key, :type, :source, :subject,
              CAST(CAST(:time AS text) AS timestamptz), CAST(:traceparent AS text),
              CAST(CAST(:payload AS text) AS jsonb))
      """;

  // the same row written on a reactive-client connection (positional parameters, driver types;
  // the payload still bound as text, see above)
  static final String INSERT_ON_CONNECTION =
      """
      INSERT INTO outbox (event_id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                          traceparent, payload)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST($9::text AS jsonb))
      """;

  private final ObjectMapper mapper;
  private final Clock clock;
  private final String source;

  public OutboxWriter(ObjectMapper mapper, Clock clock, OutboxConfig config) {
    this.mapper = mapper;
    this.clock = clock;
    this.source = config.source();
  }

  @Override
  public Uni<Void> started(SqlConnection tx, TimeEntry e) {
    return entry(tx, EventTypes.TIME_ENTRY_STARTED, e, EventPayloads.started(e));
  }

  @Override
  public Uni<Void> stopped(SqlConnection tx, TimeEntry e) {
    return entry(tx, EventTypes.TIME_ENTRY_STOPPED, e, EventPayloads.stopped(e));
  }

  @Override
  public Uni<Void> created(TimeEntry e) {
    return entry(EventTypes.TIME_ENTRY_CREATED, e, () -> EventPayloads.created(e));
  }

  @Override
  public Uni<Void> updated(TimeEntry e) {
    return entry(EventTypes.TIME_ENTRY_UPDATED, e, () -> EventPayloads.updated(e));
  }

  @Override
  public Uni<Void> deleted(TimeEntry e) {
    return entry(EventTypes.TIME_ENTRY_DELETED, e, () -> EventPayloads.deleted(e));
  }

  @Override
  public Uni<Void> created(Task t) {
    return task(EventTypes.TASK_CREATED, t, () -> EventPayloads.created(t));
  }

  @Override
  public Uni<Void> updated(Task t) {
    return task(EventTypes.TASK_UPDATED, t, () -> EventPayloads.updated(t));
  }

  @Override
  public Uni<Void> statusChanged(Task t, String previousStatus) {
    return task(
        EventTypes.TASK_STATUS_CHANGED, t, () -> EventPayloads.statusChanged(t, previousStatus));
  }

  /**
   * One {@code time-entry.created} or {@code .updated} row per change, written as one batch on the
   * caller's connection and in its transaction (the batch upsert's, which does not go through
   * Hibernate); same topic, key, subject and payload as the single writes above.
   */
  @Override
  public Uni<Void> record(SqlConnection tx, List<Change> changes) {
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String traceparent = traceparent();
    OffsetDateTime time = now();
    List<Tuple> rows = new ArrayList<>(changes.size());
    for (Change change : changes) {
      TimeEntry e = change.entry();
      rows.add(
          row(
              change.created() ? EventTypes.TIME_ENTRY_CREATED : EventTypes.TIME_ENTRY_UPDATED,
              e,
              change.created() ? EventPayloads.created(e) : EventPayloads.updated(e),
              time,
              traceparent));
    }
    return tx.preparedQuery(INSERT_ON_CONNECTION).executeBatch(rows).replaceWithVoid();
  }

  /**
   * One time-entry event row on the caller's reactive-client connection, in its transaction (the
   * timer's start and stop, {@code TimerCommands}); the entry as it commits (id and version set).
   */
  private Uni<Void> entry(SqlConnection tx, String type, TimeEntry e, Object payload) {
    return tx.preparedQuery(INSERT_ON_CONNECTION)
        .execute(row(type, e, payload, now(), traceparent()))
        .replaceWithVoid();
  }

  private Tuple row(
      String type, TimeEntry e, Object payload, OffsetDateTime time, String traceparent) {
    return Tuple.tuple()
        .addValue(UUID.randomUUID())
        .addString(EventTypes.TIME_ENTRIES_TOPIC)
        .addString(String.valueOf(e.userId))
        .addString(type)
        .addString(source)
        .addString(EventPayloads.subject(e))
        .addValue(time)
        .addString(traceparent)
        .addString(json(payload));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private Uni<Void> entry(String type, TimeEntry e, Supplier<Object> payload) {
    return write(
        EventTypes.TIME_ENTRIES_TOPIC,
        type,
        () -> String.valueOf(e.userId),
        () -> EventPayloads.subject(e),
        payload);
  }

  private Uni<Void> task(String type, Task t, Supplier<Object> payload) {
    return write(
        EventTypes.TASKS_TOPIC,
        type,
        () -> String.valueOf(t.projectId),
        () -> EventPayloads.subject(t),
        payload);
  }

  private Uni<Void> write(
      String topic,
      String type,
      Supplier<String> key,
      Supplier<String> subject,
      Supplier<Object> payload) {
    String traceparent = traceparent();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .flush()
                    .chain(() -> insert(session, topic, type, key, subject, payload, traceparent)));
  }

  private Uni<Void> insert(
      Mutiny.Session session,
      String topic,
      String type,
      Supplier<String> key,
      Supplier<String> subject,
      Supplier<Object> payload,
      String traceparent) {
    return session
        .createNativeQuery(INSERT)
        .setParameter("eventId", UUID.randomUUID().toString())
        .setParameter("topic", topic)
        .setParameter("key", key.get())
        .setParameter("type", type)
        .setParameter("source", source)
        .setParameter("subject", subject.get())
        .setParameter("time", clock.instant().truncatedTo(ChronoUnit.MICROS).toString())
        .setParameter("traceparent", traceparent)
        .setParameter("payload", json(payload.get()))
        .executeUpdate()
        .replaceWithVoid();
  }

  private String json(Object payload) {
    try {
      return mapper.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event payload is not serializable", e);
    }
  }

  /** W3C {@code traceparent} of the current span, or null when no span is current. */
  static String traceparent() {
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return null;
    }
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }
}
