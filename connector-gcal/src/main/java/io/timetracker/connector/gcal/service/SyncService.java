package io.timetracker.connector.gcal.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.model.SyncReport;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.gcal.repository.EventLinkRepository;
import io.timetracker.connector.kit.api.SyncStatus;
import io.timetracker.connector.kit.masking.ErrorText;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.TimeEntryDto;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One sync of a connection in its direction: the import first, then the export's catch-up (finished
 * entries of the last {@code days back} that have no event yet are queued, failed exports are
 * queued again; new work reaches the export through the core's events anyway). The outcome and
 * Google's next sync token are stored on the connection.
 */
@ApplicationScoped
public class SyncService {

  private static final int CATCH_UP_LIMIT = 1000;

  private final AccessTokens tokens;
  private final ImportService importer;
  private final ExportQueue exports;
  private final EventLinkRepository links;
  private final ConnectionRepository connections;
  private final TimerService core;
  private final Clock clock;

  /** Collaborators. */
  public SyncService(
      AccessTokens tokens,
      ImportService importer,
      ExportQueue exports,
      EventLinkRepository links,
      ConnectionRepository connections,
      TimerService core,
      GcalConfig config,
      Clock clock) {
    this.tokens = tokens;
    this.importer = importer;
    this.exports = exports;
    this.links = links;
    this.connections = connections;
    this.core = core;
    this.clock = clock;
  }

  /** Runs the sync and records its outcome; never fails for a Google or core error. */
  public Uni<SyncReport> sync(Connection c) {
    return tokens
        .fresh(c)
        .chain(token -> imported(c, token))
        .call(tally -> exported(c, tally))
        .call(tally -> record(c, tally))
        .map(SyncService::report)
        .onFailure()
        .recoverWithUni(f -> failed(c, f));
  }

  private Uni<ImportTally> imported(Connection c, String token) {
    if (!c.direction().imports()) {
      ImportTally none = new ImportTally();
      none.syncToken = c.syncToken();
      return Uni.createFrom().item(none);
    }
    return importer.run(c, token);
  }

  private Uni<Void> exported(Connection c, ImportTally tally) {
    if (!c.direction().exports()) {
      return Uni.createFrom().voidItem();
    }
    Instant since = clock.instant().minus(Duration.ofDays(c.daysBack()));
    return core.completedEntries(c.userId(), since, CATCH_UP_LIMIT)
        .onItem()
        .transformToMulti(list -> Multi.createFrom().iterable(list))
        .filter(e -> !"gcal".equals(e.source()))
        .onItem()
        .transformToUniAndConcatenate(e -> catchUp(c, e, tally))
        .collect()
        .last()
        .chain(() -> exports.retryFailed(c.id()))
        .invoke(n -> tally.exportsQueued += n)
        .replaceWithVoid();
  }

  private Uni<Void> catchUp(Connection c, TimeEntryDto entry, ImportTally tally) {
    return links
        .byEntry(c.id(), entry.id())
        .chain(
            link ->
                link.isPresent()
                    ? Uni.createFrom().voidItem()
                    : exports
                        .queue(
                            c.id(),
                            "sync:" + entry.id() + ":" + entry.version(),
                            ExportCommand.of(entry))
                        .invoke(() -> tally.exportsQueued++)
                        .replaceWithVoid());
  }

  private Uni<Void> record(Connection c, ImportTally tally) {
    SyncReport report = report(tally);
    Instant now = clock.instant();
    return connections.synced(
        c.id(),
        new ConnectionRepository.SyncState(
            tally.syncToken,
            tally.full ? now : null,
            now,
            report.status().value(),
            tally.errors.isEmpty() ? null : ErrorText.of(String.join("; ", tally.errors)),
            tally.conflicts,
            tally.lastConflict));
  }

  private Uni<SyncReport> failed(Connection c, Throwable failure) {
    String error =
        failure instanceof ReconnectNeededException
            ? ReconnectNeededException.MESSAGE
            : ErrorText.of(
                failure.getMessage() == null ? failure.toString() : failure.getMessage());
    Uni<Void> stored =
        failure instanceof ReconnectNeededException
            ? connections.reconnectNeeded(c.id(), error)
            : connections.synced(
                c.id(),
                new ConnectionRepository.SyncState(
                    c.syncToken(), null, clock.instant(), "failed", error, 0, null));
    return stored.replaceWith(SyncReport.failure(error));
  }

  private static SyncReport report(ImportTally t) {
    // as in the original: errors (e.g. no default project) make a run partial, never failed
    SyncStatus status =
        t.errors.isEmpty() && t.conflicts == 0 ? SyncStatus.SUCCESS : SyncStatus.PARTIAL;
    return new SyncReport(
        true,
        status,
        t.created,
        t.updated,
        t.deleted,
        t.skipped,
        t.conflicts,
        t.exportsQueued,
        List.copyOf(t.errors));
  }
}
