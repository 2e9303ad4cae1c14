package io.timetracker.connector.gcal.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.gcal.repository.EventLinkRepository;
import io.timetracker.connector.gcal.service.ExportCommand;
import io.timetracker.connector.gcal.service.ExportQueue;
import io.timetracker.connector.kit.consumer.SqlClientProcessedEvents;
import io.timetracker.connector.kit.events.EventReader;
import io.timetracker.connector.kit.events.ReadEvent;
import io.timetracker.connector.kit.retry.WhileDatabaseDown;
import io.timetracker.contracts.event.TimeEntryCreated;
import io.timetracker.contracts.event.TimeEntryDeleted;
import io.timetracker.contracts.event.TimeEntryEvent;
import io.timetracker.contracts.event.TimeEntryStopped;
import io.timetracker.contracts.event.TimeEntryUpdated;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The export's intake from {@code tt.time-entries.v1}: a finished entry (stopped, created or
 * updated with an end) of a person exporting becomes a queued export, a deleted one a queued
 * delete. The Google call happens later in the export handler, so a slow or failing Google never
 * holds the partition. Entries we imported are never exported (no loop); a change the person made
 * to one marks it as theirs. Idempotent: the queue stores each event id once and {@code
 * processed_event} is written with the link change. Unreadable records go to the dead-letter topic;
 * a record read while the connector's database is down waits for it ({@link WhileDatabaseDown})
 * instead of going there too.
 */
@ApplicationScoped
public class TimeEntryConsumer {

  private static final Logger LOG = Logger.getLogger(TimeEntryConsumer.class);

  private final EventReader reader;
  private final ConnectionRepository connections;
  private final EventLinkRepository links;
  private final ExportQueue exports;
  private final Pool pool;

  /** Collaborators; the reader counts skipped and malformed records in the registry. */
  public TimeEntryConsumer(
      ObjectMapper json,
      MeterRegistry registry,
      ConnectionRepository connections,
      EventLinkRepository links,
      ExportQueue exports,
      Pool pool) {
    this.reader = new EventReader(json, registry);
    this.connections = connections;
    this.links = links;
    this.exports = exports;
    this.pool = pool;
  }

  /** One record of the topic. */
  @Incoming("time-entry-events-in")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    Optional<ReadEvent> read = reader.read(record);
    if (read.isEmpty() || !(read.get().payload() instanceof TimeEntryEvent event)) {
      return Uni.createFrom().voidItem();
    }
    // every step is a read or an idempotent write of our database: repeated while it is down
    return WhileDatabaseDown.retried(
        connections.byUser(event.userId()).chain(found -> handle(read.get(), event, found)));
  }

  private Uni<Void> handle(ReadEvent read, TimeEntryEvent event, Optional<Connection> found) {
    if (found.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Connection c = found.get();
    if (imported(event)) {
      return markEdited(read, c, event);
    }
    Optional<ExportCommand> command = command(event);
    if (command.isEmpty() || !c.active() || !c.direction().exports()) {
      return Uni.createFrom().voidItem();
    }
    LOG.debugf("export of entry %d queued (%s)", event.entryId(), read.type());
    return exports.queue(c.id(), read.id(), command.get()).replaceWithVoid();
  }

  private Uni<Void> markEdited(ReadEvent read, Connection c, TimeEntryEvent event) {
    long version = event instanceof TimeEntryUpdated u ? u.version() : Long.MAX_VALUE;
    if (!(event instanceof TimeEntryUpdated) && !(event instanceof TimeEntryDeleted)) {
      return Uni.createFrom().voidItem();
    }
    return pool.withTransaction(
        conn ->
            SqlClientProcessedEvents.firstTime(conn, read.id())
                .chain(
                    first ->
                        first
                            ? links.markEdited(c.id(), event.entryId(), version).replaceWithVoid()
                            : Uni.createFrom().voidItem()));
  }

  private static boolean imported(TimeEntryEvent event) {
    String ref = null;
    if (event instanceof TimeEntryUpdated u) {
      ref = u.externalRef();
    } else if (event instanceof TimeEntryDeleted d) {
      ref = d.externalRef();
    } else if (event instanceof TimeEntryCreated created) {
      ref = created.externalRef();
    } else if (event instanceof TimeEntryStopped s) {
      ref = s.externalRef();
    }
    return ref != null && ref.startsWith("gcal:");
  }

  private static Optional<ExportCommand> command(TimeEntryEvent event) {
    if (event instanceof TimeEntryStopped s) {
      return Optional.of(
          upsert(
              s.entryId(),
              s.userId(),
              s.projectId(),
              s.taskId(),
              s.start(),
              s.end(),
              s.durationSeconds(),
              s.notes(),
              s.version()));
    }
    if (event instanceof TimeEntryCreated c && c.end() != null) {
      return Optional.of(
          upsert(
              c.entryId(),
              c.userId(),
              c.projectId(),
              c.taskId(),
              c.start(),
              c.end(),
              c.durationSeconds(),
              c.notes(),
              c.version()));
    }
    if (event instanceof TimeEntryUpdated u && u.end() != null) {
      return Optional.of(
          upsert(
              u.entryId(),
              u.userId(),
              u.projectId(),
              u.taskId(),
              u.start(),
              u.end(),
              u.durationSeconds(),
              u.notes(),
              u.version()));
    }
    if (event instanceof TimeEntryDeleted d) {
      return Optional.of(ExportCommand.delete(d.entryId(), d.userId(), d.projectId()));
    }
    return Optional.empty();
  }

  private static ExportCommand upsert(
      long entryId,
      long userId,
      long projectId,
      Long taskId,
      java.time.Instant start,
      java.time.Instant end,
      Integer durationSeconds,
      String notes,
      long version) {
    return new ExportCommand(
        ExportCommand.UPSERT,
        entryId,
        userId,
        projectId,
        taskId,
        start,
        end,
        durationSeconds,
        notes,
        version);
  }
}
