package io.timetracker.connector.gcal.repository;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.model.EventLink;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Table {@code gcal_event_link}: unique per (connection, event) and per (connection, entry). */
@ApplicationScoped
public class EventLinkRepository {

  /**
   * Every column, named: statements stay prepared per connection, and a {@code *} would change its
   * result when a migration adds a column ("cached plan must not change result type").
   */
  static final String COLUMNS =
      "connection_id, event_id, entry_id, direction, etag, event_updated, entry_version, "
          + "user_edited, pending_until, created_at, updated_at";

  private final Pool pool;

  /** Uses the application's pool. */
  public EventLinkRepository(Pool pool) {
    this.pool = pool;
  }

  /** The link of an event. */
  public Uni<Optional<EventLink>> byEvent(UUID connectionId, String eventId) {
    return one(
        "SELECT " + COLUMNS + " FROM gcal_event_link WHERE connection_id = $1 AND event_id = $2",
        Tuple.of(connectionId, eventId));
  }

  /** The link of an entry. */
  public Uni<Optional<EventLink>> byEntry(UUID connectionId, long entryId) {
    return one(
        "SELECT " + COLUMNS + " FROM gcal_event_link WHERE connection_id = $1 AND entry_id = $2",
        Tuple.of(connectionId, entryId));
  }

  private static final String SAVE =
      """
      INSERT INTO gcal_event_link (connection_id, event_id, entry_id, direction, etag,
                                   entry_version, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, now(), now())
      ON CONFLICT (connection_id, event_id) DO UPDATE SET entry_id = excluded.entry_id,
             etag = excluded.etag, entry_version = excluded.entry_version,
             pending_until = NULL, updated_at = now()
      """;

  /** The links of these events of the connection, by event id (events without one are absent). */
  public Uni<Map<String, EventLink>> byEvents(UUID connectionId, List<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM gcal_event_link WHERE connection_id = $1 AND event_id = ANY($2)")
        .execute(Tuple.of(connectionId, eventIds.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, EventLink> byEvent = new HashMap<>();
              all(rows).forEach(link -> byEvent.put(link.eventId(), link));
              return byEvent;
            });
  }

  /** Records an imported or exported pair (and clears a pending mark). */
  public Uni<Void> save(
      UUID connectionId,
      String eventId,
      long entryId,
      String direction,
      String etag,
      Long entryVersion) {
    return pool.preparedQuery(SAVE)
        .execute(saved(new Save(connectionId, eventId, entryId, direction, etag, entryVersion)))
        .replaceWithVoid();
  }

  /** Records several pairs as {@link #save} does, in one round trip. */
  public Uni<Void> saveAll(List<Save> saves) {
    if (saves.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(SAVE)
        .executeBatch(saves.stream().map(EventLinkRepository::saved).toList())
        .replaceWithVoid();
  }

  private static Tuple saved(Save s) {
    return Tuple.tuple()
        .addValue(s.connectionId())
        .addString(s.eventId())
        .addLong(s.entryId())
        .addString(s.direction())
        .addString(s.etag())
        .addLong(s.entryVersion());
  }

  /**
   * A pair to record.
   *
   * @param connectionId the connection
   * @param eventId Google's event id
   * @param entryId the core's entry id
   * @param direction {@code import} or {@code export}
   * @param etag the event's etag as last seen
   * @param entryVersion the entry's version as written by us
   */
  public record Save(
      UUID connectionId,
      String eventId,
      long entryId,
      String direction,
      String etag,
      Long entryVersion) {}

  /** Remembers a running or future event to look at again once it has ended. */
  public Uni<Void> pending(UUID connectionId, String eventId, Instant until) {
    return pool.preparedQuery(
            """
            INSERT INTO gcal_event_link (connection_id, event_id, direction, pending_until,
                                         created_at, updated_at)
            VALUES ($1, $2, 'import', $3, now(), now())
            ON CONFLICT (connection_id, event_id) DO UPDATE SET pending_until = excluded.pending_until,
                   updated_at = now()
            """)
        .execute(Tuple.of(connectionId, eventId, ConnectionRepository.at(until)))
        .replaceWithVoid();
  }

  /** Events whose pending time has come. */
  public Uni<List<EventLink>> duePending(UUID connectionId, Instant now, int limit) {
    return pool.preparedQuery(
            """
            SELECT %s FROM gcal_event_link
             WHERE connection_id = $1 AND pending_until IS NOT NULL AND pending_until <= $2
             ORDER BY pending_until LIMIT $3
            """
                .formatted(COLUMNS))
        .execute(Tuple.of(connectionId, ConnectionRepository.at(now), limit))
        .map(EventLinkRepository::all);
  }

  /** Forgets an event. */
  public Uni<Void> delete(UUID connectionId, String eventId) {
    return pool.preparedQuery(
            "DELETE FROM gcal_event_link WHERE connection_id = $1 AND event_id = $2")
        .execute(Tuple.of(connectionId, eventId))
        .replaceWithVoid();
  }

  /**
   * The person changed or deleted an imported entry: marks its link when the change is newer than
   * what we wrote ({@code version} greater than the stored one); true when marked.
   */
  public Uni<Boolean> markEdited(UUID connectionId, long entryId, long version) {
    return pool.preparedQuery(
            """
            UPDATE gcal_event_link SET user_edited = true, updated_at = now()
             WHERE connection_id = $1 AND entry_id = $2 AND direction = 'import'
               AND (entry_version IS NULL OR entry_version < $3) AND NOT user_edited
            """)
        .execute(Tuple.of(connectionId, entryId, version))
        .map(rows -> rows.rowCount() == 1);
  }

  private Uni<Optional<EventLink>> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> all(rows).stream().findFirst());
  }

  private static List<EventLink> all(RowSet<Row> rows) {
    List<EventLink> links = new ArrayList<>();
    for (Row r : rows) {
      links.add(
          new EventLink(
              r.getUUID("connection_id"),
              r.getString("event_id"),
              r.getLong("entry_id"),
              r.getString("direction"),
              r.getString("etag"),
              r.getLong("entry_version"),
              r.getBoolean("user_edited"),
              ConnectionRepository.instant(r.getOffsetDateTime("pending_until"))));
    }
    return links;
  }
}
