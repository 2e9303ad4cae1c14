package io.timetracker.connector.gcal.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.client.CalendarEvent;
import io.timetracker.connector.gcal.client.GoogleApiException;
import io.timetracker.connector.gcal.client.GoogleCalendarClient;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.model.EventLink;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.gcal.repository.EventLinkRepository;
import io.timetracker.connector.kit.inbox.ClaimedDelivery;
import io.timetracker.connector.kit.inbox.InboxHandler;
import io.timetracker.connector.kit.inbox.ProcessOutcome;
import io.timetracker.connector.kit.inbox.UnprocessableDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one queued export at Google. An entry's event has our own id ({@link
 * ExportEvents#eventId}), so a repeated insert after a lost answer finds it (409) and patches it
 * instead of making a copy; a linked event is patched, a deleted entry's event deleted (404/410
 * count as done). Google's 429, rate-limit 403 and 5xx (after the client's own retries), a refused
 * token and a core outage are retried by the inbox runner with backoff; only a request Google can
 * never accept is dead.
 */
@ApplicationScoped
public class ExportHandler implements InboxHandler<ExportCommand> {

  private static final Logger LOG = Logger.getLogger(ExportHandler.class);

  private final ExportQueue queue;
  private final ConnectionRepository connections;
  private final EventLinkRepository links;
  private final AccessTokens tokens;
  private final GoogleCalendarClient google;
  private final ExportEvents events;

  /** Collaborators. */
  public ExportHandler(
      ExportQueue queue,
      ConnectionRepository connections,
      EventLinkRepository links,
      AccessTokens tokens,
      GoogleCalendarClient google,
      ExportEvents events) {
    this.queue = queue;
    this.connections = connections;
    this.links = links;
    this.tokens = tokens;
    this.google = google;
    this.events = events;
  }

  @Override
  public String provider() {
    return ExportQueue.PROVIDER;
  }

  @Override
  public ExportCommand parse(ClaimedDelivery delivery) {
    try {
      return queue.read(delivery.payload());
    } catch (IOException e) {
      throw new UnprocessableDelivery("unreadable export: " + e.getMessage());
    }
  }

  @Override
  public Uni<ProcessOutcome> process(ClaimedDelivery delivery, ExportCommand command) {
    UUID connectionId = UUID.fromString(delivery.connectionId());
    return connections
        .find(connectionId)
        .chain(found -> export(found, command))
        .onFailure(ReconnectNeededException.class)
        .recoverWithItem(ProcessOutcome.retry(ReconnectNeededException.MESSAGE))
        .onFailure(GoogleApiException.class)
        .recoverWithItem(ExportHandler::outcome);
  }

  private Uni<ProcessOutcome> export(Optional<Connection> found, ExportCommand command) {
    if (found.isEmpty() || !found.get().direction().exports() || !found.get().active()) {
      return Uni.createFrom().item(ProcessOutcome.done());
    }
    Connection c = found.get();
    return tokens
        .fresh(c)
        .chain(
            token ->
                links
                    .byEntry(c.id(), command.entryId())
                    .chain(link -> apply(c, token, link, command)))
        .replaceWith(ProcessOutcome.done());
  }

  private Uni<Void> apply(
      Connection c, String token, Optional<EventLink> link, ExportCommand command) {
    if (ExportCommand.DELETE.equals(command.kind())) {
      return link.map(l -> delete(c, token, l)).orElse(Uni.createFrom().voidItem());
    }
    if (link.isPresent()) {
      return patch(c, token, link.get().eventId(), command);
    }
    return insert(c, token, command);
  }

  private Uni<Void> insert(Connection c, String token, ExportCommand command) {
    String eventId = ExportEvents.eventId(command.entryId());
    return events
        .body(c, command, eventId)
        .chain(body -> google.insert(token, c.calendarId(), body))
        .chain(created -> saved(c, created, command))
        .onFailure(f -> status(f, 409))
        .recoverWithUni(() -> patch(c, token, eventId, command));
  }

  private Uni<Void> patch(Connection c, String token, String eventId, ExportCommand command) {
    return events
        .body(c, command, null)
        .chain(body -> google.patch(token, c.calendarId(), eventId, body))
        .chain(patched -> saved(c, patched, command));
  }

  private Uni<Void> delete(Connection c, String token, EventLink link) {
    return google
        .delete(token, c.calendarId(), link.eventId())
        .onFailure(f -> status(f, 404) || status(f, 410))
        .recoverWithNull()
        .chain(() -> links.delete(c.id(), link.eventId()))
        .invoke(() -> LOG.debugf("event of entry %d deleted", link.entryId()));
  }

  private Uni<Void> saved(Connection c, CalendarEvent event, ExportCommand command) {
    return links.save(
        c.id(), event.id(), command.entryId(), "export", event.etag(), command.version());
  }

  private static ProcessOutcome outcome(Throwable failure) {
    GoogleApiException google = (GoogleApiException) failure;
    if (google.retryable() || google.status() == 401) {
      return ProcessOutcome.retry("Google " + google.status() + ": " + google.getMessage());
    }
    return ProcessOutcome.dead("Google " + google.status() + ": " + google.getMessage());
  }

  private static boolean status(Throwable f, int status) {
    return f instanceof GoogleApiException g && g.status() == status;
  }
}
