package io.timetracker.connector.gcal.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.model.SyncReport;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.gcal.repository.SyncRunRepository;
import io.timetracker.connector.kit.jobs.BoundedJobRuns;
import io.timetracker.connector.kit.jobs.ClaimedJob;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobRunner;
import io.timetracker.connector.kit.masking.ErrorText;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The 30-minute import in every replica: the kit's job claimer hands each due connection to exactly
 * one replica ({@code FOR UPDATE SKIP LOCKED} + lease), at most {@code gcal.import.max-concurrent}
 * at once here; a failing connection backs off alone. A requested sync queues a {@code
 * gcal_sync_run} and makes the connection's job due now.
 */
@ApplicationScoped
public class ImportScheduler {

  /** The job name in {@code connector_job}. */
  public static final String JOB = "gcal-import";

  private static final Logger LOG = Logger.getLogger(ImportScheduler.class);

  private final JobClaimer claimer;
  private final ConnectionRepository connections;
  private final SyncRunRepository runs;
  private final SyncService sync;
  private final GcalConfig.Import config;
  private final Clock clock;
  private final BoundedJobRuns due;

  /** Collaborators. */
  public ImportScheduler(
      JobRunner runner,
      JobClaimer claimer,
      ConnectionRepository connections,
      SyncRunRepository runs,
      SyncService sync,
      GcalConfig config,
      Clock clock) {
    this.claimer = claimer;
    this.connections = connections;
    this.runs = runs;
    this.sync = sync;
    this.config = config.importing();
    this.clock = clock;
    this.due = new BoundedJobRuns(claimer, runner, JOB, this.config::maxConcurrent, this::work);
  }

  /** Puts the connection on the schedule, due now. */
  public Uni<Void> ensureNow(UUID connectionId) {
    return claimer.schedule(connectionId.toString(), JOB, clock.instant());
  }

  /** Queues a sync (joining one already queued) and makes the job due now; the run's id. */
  public Uni<UUID> request(UUID connectionId) {
    return runs.queue(connectionId, clock.instant())
        .call(() -> ensureNow(connectionId))
        .invoke(id -> startSoon());
  }

  /** A requested sync's state and counters. */
  public Uni<Optional<JsonObject>> find(UUID connectionId, UUID runId) {
    return runs.find(connectionId, runId);
  }

  @Scheduled(
      every = "${gcal.import.every:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      identity = "gcal-import")
  Uni<Void> tick() {
    return runDue().replaceWithVoid();
  }

  /** Claims as many due imports as there are free slots and runs them; the number run. */
  public Uni<Integer> runDue() {
    return due.runDue();
  }

  private void startSoon() {
    runDue()
        .subscribe()
        .with(
            n -> LOG.debugf("sync requested: %d import(s) started", n),
            f -> LOG.warnf("requested sync not started now: %s", ErrorText.of(f)));
  }

  private Uni<Instant> work(ClaimedJob job) {
    UUID id = UUID.fromString(job.connectionId());
    return runs.start(id).chain(requested -> connections.find(id).chain(c -> run(c, requested)));
  }

  private Uni<Instant> run(Optional<Connection> found, List<UUID> requested) {
    Instant next = clock.instant().plus(config.interval());
    if (found.isEmpty() || !found.get().active() || found.get().reconnectNeeded()) {
      SyncReport report =
          SyncReport.failure(
              found.isPresent() && found.get().reconnectNeeded()
                  ? ReconnectNeededException.MESSAGE
                  : "Integration not configured");
      return runs.finish(requested, JsonObject.mapFrom(report), clock.instant()).replaceWith(next);
    }
    return sync.sync(found.get())
        .call(report -> runs.finish(requested, JsonObject.mapFrom(report), clock.instant()))
        .replaceWith(next);
  }
}
