package io.timetracker.connector.gcal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.connector.kit.inbox.IncomingDelivery;
import io.timetracker.connector.kit.inbox.StoreResult;
import io.timetracker.connector.kit.signature.Headers;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Exports waiting for Google, in the kit's inbox (provider {@value #PROVIDER}): stored once per
 * event id, one entry's exports in order (key {@code entry:<id>}), retried with backoff by the
 * inbox runner across replicas, never dropped silently — a delivery out of attempts is {@code
 * dead}, shown in status as a failed export and queued again by the next sync.
 */
@ApplicationScoped
public class ExportQueue {

  /** The inbox provider of exports. */
  public static final String PROVIDER = "gcal-export";

  private final Inbox inbox;
  private final Pool pool;
  private final ObjectMapper json;

  /** Collaborators. */
  public ExportQueue(Inbox inbox, Pool pool, ObjectMapper json) {
    this.inbox = inbox;
    this.pool = pool;
    this.json = json;
  }

  /** Stores an export once under {@code deliveryId} (the event id, or a sync's own id). */
  public Uni<StoreResult> queue(UUID connectionId, String deliveryId, ExportCommand command) {
    return inbox.store(
        new IncomingDelivery(
            PROVIDER,
            deliveryId,
            connectionId.toString(),
            "time-entry",
            command.kind(),
            bytes(command),
            Headers.empty(),
            "entry:" + command.entryId()));
  }

  /** Reads a stored export back. */
  public ExportCommand read(byte[] payload) throws java.io.IOException {
    return json.readValue(payload, ExportCommand.class);
  }

  /** Pending and failed (dead) exports of the connection. */
  public Uni<Counts> counts(UUID connectionId) {
    return pool.preparedQuery(
            """
            SELECT count(*) FILTER (WHERE status IN ('received', 'processing', 'failed')) AS pending,
                   count(*) FILTER (WHERE status = 'dead') AS failed
              FROM inbox_delivery WHERE provider = $1 AND connection_id = $2
            """)
        .execute(Tuple.of(PROVIDER, connectionId.toString()))
        .map(rows -> counts(rows.iterator().next()));
  }

  /** Queues every failed (dead) export of the connection again; the number queued. */
  public Uni<Integer> retryFailed(UUID connectionId) {
    return pool.preparedQuery(
            "SELECT id FROM inbox_delivery WHERE provider = $1 AND connection_id = $2"
                + " AND status = 'dead'")
        .execute(Tuple.of(PROVIDER, connectionId.toString()))
        .onItem()
        .transformToMulti(rows -> Multi.createFrom().iterable(rows))
        .onItem()
        .transformToUniAndConcatenate(
            row -> inbox.redeliver(row.getUUID("id"), connectionId.toString()))
        .collect()
        .asList()
        .map(java.util.List::size);
  }

  private static Counts counts(Row row) {
    return new Counts(row.getLong("pending"), row.getLong("failed"));
  }

  private byte[] bytes(ExportCommand command) {
    try {
      return json.writeValueAsBytes(command);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an export command is always writable", e);
    }
  }

  /**
   * Exports of one connection.
   *
   * @param pending waiting or being retried
   * @param failed out of attempts; queued again by the next sync
   */
  public record Counts(long pending, long failed) {}
}
