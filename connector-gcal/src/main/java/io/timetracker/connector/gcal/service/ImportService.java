package io.timetracker.connector.gcal.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.client.CalendarEvent;
import io.timetracker.connector.gcal.client.EventsPage;
import io.timetracker.connector.gcal.client.GoogleApiException;
import io.timetracker.connector.gcal.client.GoogleCalendarClient;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.model.EventLink;
import io.timetracker.connector.gcal.repository.EventLinkRepository;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.ExternalTimeEntryBatchResult;
import io.timetracker.contracts.api.ExternalTimeEntryRequest;
import io.timetracker.contracts.api.Problem;
import io.timetracker.contracts.client.CoreNotFoundException;
import io.timetracker.contracts.client.CoreProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Calendar → time entries for one connection. The first run (and one a day, and after Google's
 * {@code 410 Gone}) lists the window from {@code days back} ago, all pages, recurring events
 * expanded; later runs fetch only the changes since the stored {@code syncToken}. Skipped: all-day
 * events, events the person declined, events not finished yet (looked at again once they end), and
 * our own exports (private property with our entry id, or the {@code [TT]} title of the original).
 * A changed event moves its entry; a cancelled one deletes it — unless the person edited the entry,
 * which is then kept and counted as a conflict.
 */
@ApplicationScoped
public class ImportService {

  /** The error of a connection without a default project, as in the original. */
  public static final String NO_PROJECT = "default_project_id not configured";

  private static final Logger LOG = Logger.getLogger(ImportService.class);
  private static final int PENDING_BATCH = 200;

  private final GoogleCalendarClient google;
  private final EventLinkRepository links;
  private final TimerService core;
  private final GcalConfig config;
  private final Clock clock;

  /** Collaborators. */
  public ImportService(
      GoogleCalendarClient google,
      EventLinkRepository links,
      TimerService core,
      GcalConfig config,
      Clock clock) {
    this.google = google;
    this.links = links;
    this.core = core;
    this.config = config;
    this.clock = clock;
  }

  /** Imports the connection's changes with a fresh access token; counters and next sync token. */
  public Uni<ImportTally> run(Connection c, String token) {
    ImportTally tally = new ImportTally();
    if (c.defaultProjectId() == null) {
      tally.errors.add(NO_PROJECT);
      tally.syncToken = c.syncToken();
      return Uni.createFrom().item(tally);
    }
    return listing(c, token, tally).chain(() -> pendingDue(c, token, tally)).replaceWith(tally);
  }

  private Uni<Void> listing(Connection c, String token, ImportTally tally) {
    if (fullSyncDue(c)) {
      return fullSync(c, token, tally);
    }
    return pages(c, token, tally, null, c.syncToken())
        .onFailure(ImportService::gone)
        .recoverWithUni(f -> restartFull(c, token, tally));
  }

  private Uni<Void> restartFull(Connection c, String token, ImportTally tally) {
    LOG.infof("sync token of %s expired (410): full window sync", c.id());
    return fullSync(c, token, tally);
  }

  private Uni<Void> fullSync(Connection c, String token, ImportTally tally) {
    tally.full = true;
    return pages(c, token, tally, null, null);
  }

  private Uni<Void> pages(
      Connection c, String token, ImportTally tally, String pageToken, String syncToken) {
    return page(c, token, pageToken, syncToken)
        .call(page -> applyAll(c, page, tally))
        .chain(page -> next(c, token, tally, page, syncToken));
  }

  private Uni<Void> next(
      Connection c, String token, ImportTally tally, EventsPage page, String syncToken) {
    if (page.nextPageToken() != null) {
      return pages(c, token, tally, page.nextPageToken(), syncToken);
    }
    tally.syncToken = page.nextSyncToken();
    return Uni.createFrom().voidItem();
  }

  private Uni<EventsPage> page(Connection c, String token, String pageToken, String syncToken) {
    if (syncToken != null) {
      return google.listChanges(token, c.calendarId(), syncToken, pageToken);
    }
    Instant now = clock.instant();
    return google.listWindow(
        token,
        c.calendarId(),
        now.minus(Duration.ofDays(c.daysBack())).toString(),
        now.plus(config.importing().lookAhead()).toString(),
        pageToken);
  }

  private Uni<Void> applyAll(Connection c, EventsPage page, ImportTally tally) {
    return apply(c, page.items(), tally);
  }

  private Uni<Void> pendingDue(Connection c, String token, ImportTally tally) {
    return links
        .duePending(c.id(), clock.instant(), PENDING_BATCH)
        .onItem()
        .transformToMulti(list -> Multi.createFrom().iterable(list))
        .onItem()
        .transformToUniAndConcatenate(link -> recheck(c, token, link, tally))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> recheck(Connection c, String token, EventLink link, ImportTally tally) {
    return google
        .get(token, c.calendarId(), link.eventId())
        .chain(event -> apply(c, List.of(event), tally))
        .onFailure(
            f -> f instanceof GoogleApiException g && (g.status() == 404 || g.status() == 410))
        .recoverWithUni(() -> links.delete(c.id(), link.eventId()));
  }

  /**
   * A page of events: cancellations and running events one by one, then every finished timed event
   * that is new or changed since its link's etag in one batch upsert of the core (calls of at most
   * 100), and their links written in one batch once the core answered. An event id twice in a page
   * counts once (its last occurrence).
   */
  private Uni<Void> apply(Connection c, List<CalendarEvent> events, ImportTally tally) {
    Map<String, CalendarEvent> byId = new LinkedHashMap<>();
    for (CalendarEvent event : events) {
      if (event.id() == null) {
        tally.skipped++;
      } else {
        byId.remove(event.id());
        byId.put(event.id(), event);
      }
    }
    List<Supplier<Uni<Void>>> singles = new ArrayList<>();
    List<Timed> finished = new ArrayList<>();
    for (CalendarEvent event : byId.values()) {
      if (event.cancelled() || event.declinedBySelf()) {
        singles.add(() -> cancel(c, event, tally));
        continue;
      }
      Optional<Span> span = Span.of(event);
      if (ours(event) || span.isEmpty()) {
        tally.skipped++;
      } else if (span.get().end().isAfter(clock.instant())) {
        tally.skipped++;
        singles.add(() -> links.pending(c.id(), event.id(), span.get().end()));
      } else {
        finished.add(new Timed(event, span.get()));
      }
    }
    return Multi.createFrom()
        .iterable(singles)
        .onItem()
        .transformToUniAndConcatenate(Supplier::get)
        .collect()
        .last()
        .chain(() -> upsertFinished(c, finished, tally));
  }

  private Uni<Void> upsertFinished(Connection c, List<Timed> finished, ImportTally tally) {
    if (finished.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return links
        .byEvents(c.id(), finished.stream().map(t -> t.event().id()).toList())
        .chain(known -> upsert(c, changed(finished, known, tally), tally));
  }

  /** The events to write: not edited by the person, not seen with this etag. */
  private List<Timed> changed(List<Timed> finished, Map<String, EventLink> known, ImportTally t) {
    List<Timed> changed = new ArrayList<>();
    for (Timed timed : finished) {
      EventLink link = known.get(timed.event().id());
      if (link != null && link.entryId() != null) {
        if (link.userEdited()) {
          conflict(timed.event(), t);
          continue;
        }
        if (timed.event().etag() != null && timed.event().etag().equals(link.etag())) {
          t.skipped++;
          continue;
        }
      }
      changed.add(timed);
    }
    return changed;
  }

  /**
   * One batch upsert; links for every applied item. A refused item (the core's problem, e.g. the
   * default project archived) fails the run as a refused single upsert did, after the page's other
   * items and their links are kept: the sync token is not advanced and the next run tries again.
   */
  private Uni<Void> upsert(Connection c, List<Timed> changed, ImportTally tally) {
    if (changed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<ExternalTimeEntryRequest> requests =
        changed.stream().map(t -> request(c, t.event(), t.span())).toList();
    return core.upsertTimeEntries(c.userId(), requests)
        .chain(
            results -> {
              List<EventLinkRepository.Save> saves = new ArrayList<>();
              CoreProblemException refused = null;
              for (ExternalTimeEntryBatchResult.Item item : results) {
                CalendarEvent event = changed.get(item.index()).event();
                if (!item.applied()) {
                  if (refused == null) {
                    refused = refusal(event, item);
                  }
                  continue;
                }
                count(item.created(), tally);
                saves.add(
                    new EventLinkRepository.Save(
                        c.id(),
                        event.id(),
                        item.entry().id(),
                        "import",
                        event.etag(),
                        item.entry().version()));
              }
              CoreProblemException failure = refused;
              return links
                  .saveAll(saves)
                  .invoke(
                      () -> {
                        if (failure != null) {
                          throw failure;
                        }
                      });
            });
  }

  private static CoreProblemException refusal(
      CalendarEvent event, ExternalTimeEntryBatchResult.Item item) {
    Problem p = item.problem();
    return p == null
        ? new CoreProblemException(422, "refused", "event " + event.id() + " refused")
        : new CoreProblemException(p.status(), p.code(), "event " + event.id() + ": " + p.detail());
  }

  private ExternalTimeEntryRequest request(Connection c, CalendarEvent event, Span span) {
    return new ExternalTimeEntryRequest(
        ref(event.id()),
        "gcal",
        c.defaultProjectId(),
        null,
        span.start(),
        span.end(),
        notes(event),
        false);
  }

  private Uni<Void> cancel(Connection c, CalendarEvent event, ImportTally tally) {
    return links.byEvent(c.id(), event.id()).chain(link -> cancelLinked(c, event, link, tally));
  }

  private Uni<Void> cancelLinked(
      Connection c, CalendarEvent event, Optional<EventLink> link, ImportTally tally) {
    if (link.isEmpty() || !"import".equals(link.get().direction())) {
      tally.skipped++;
      return Uni.createFrom().voidItem();
    }
    if (link.get().entryId() == null) {
      tally.skipped++;
      return links.delete(c.id(), event.id());
    }
    if (link.get().userEdited()) {
      return conflict(event, tally);
    }
    return core.deleteTimeEntry(c.userId(), ref(event.id()))
        .onFailure(CoreNotFoundException.class)
        .recoverWithNull()
        .invoke(() -> tally.deleted++)
        .chain(() -> links.delete(c.id(), event.id()));
  }

  private Uni<Void> conflict(CalendarEvent event, ImportTally tally) {
    tally.conflicts++;
    tally.lastConflict =
        "Calendar event '" + title(event) + "' changed, but you edited its entry: yours was kept.";
    return Uni.createFrom().voidItem();
  }

  private boolean ours(CalendarEvent event) {
    return event.privateProperty(config.export().entryProperty()) != null
        || title(event).startsWith(config.export().prefix());
  }

  private static void count(boolean created, ImportTally tally) {
    if (created) {
      tally.created++;
    } else {
      tally.updated++;
    }
  }

  private boolean fullSyncDue(Connection c) {
    return c.syncToken() == null
        || c.lastFullSyncAt() == null
        || c.lastFullSyncAt()
            .plus(config.importing().fullResyncInterval())
            .isBefore(clock.instant());
  }

  /** The external reference of an imported event's entry. */
  public static String ref(String eventId) {
    return "gcal:" + eventId;
  }

  private static String notes(CalendarEvent event) {
    String title = title(event);
    return title.isEmpty() ? "Calendar event" : title;
  }

  private static String title(CalendarEvent event) {
    return event.summary() == null ? "" : event.summary().trim();
  }

  private static boolean gone(Throwable f) {
    return f instanceof GoogleApiException g && g.status() == 410;
  }

  /** A finished timed event and its span. */
  private record Timed(CalendarEvent event, Span span) {}

  /** A timed event's start and end; empty for all-day events and unusable times. */
  record Span(Instant start, Instant end) {
    static Optional<Span> of(CalendarEvent event) {
      if (event.start() == null
          || event.end() == null
          || event.start().dateTime() == null
          || event.end().dateTime() == null) {
        return Optional.empty();
      }
      try {
        Instant start = OffsetDateTime.parse(event.start().dateTime()).toInstant();
        Instant end = OffsetDateTime.parse(event.end().dateTime()).toInstant();
        return end.isAfter(start) ? Optional.of(new Span(start, end)) : Optional.empty();
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
