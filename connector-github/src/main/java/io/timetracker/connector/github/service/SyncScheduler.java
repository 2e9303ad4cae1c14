package io.timetracker.connector.github.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.SyncRun;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.github.repository.SyncRunRepository;
import io.timetracker.connector.kit.api.SyncResult;
import io.timetracker.connector.kit.jobs.BoundedJobRuns;
import io.timetracker.connector.kit.jobs.ClaimedJob;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobRunner;
import io.timetracker.connector.kit.masking.ErrorText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs syncs as jobs in every replica: the kit's job claimer hands each due connection to exactly
 * one replica ({@code FOR UPDATE SKIP LOCKED} + lease); a failing connection backs off on its own,
 * a rate-limited one waits for its token's reset. A requested sync moves the connection's job to
 * now and queues a {@code github_sync_run} that reports progress. A sync that GitHub's or the
 * core's unavailability ended runs again after {@code github.sync.retry-after-failure}, not the
 * interval. At most {@code github.sync.max-concurrent} syncs run at once in a replica: a claim asks
 * only for free slots.
 */
@ApplicationScoped
public class SyncScheduler {

  /** The job name in {@code connector_job}. */
  public static final String JOB = "github-sync";

  private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

  private final JobClaimer claimer;
  private final ConnectionRepository connections;
  private final SyncRunRepository runs;
  private final SyncService sync;
  private final Clock clock;
  private final GithubConfig.Sync config;
  private final BoundedJobRuns due;

  /** Collaborators; {@code github.sync.*} for interval and concurrency. */
  public SyncScheduler(
      JobRunner runner,
      JobClaimer claimer,
      ConnectionRepository connections,
      SyncRunRepository runs,
      SyncService sync,
      Clock clock,
      GithubConfig config) {
    this.claimer = claimer;
    this.connections = connections;
    this.runs = runs;
    this.sync = sync;
    this.clock = clock;
    this.config = config.sync();
    this.due = new BoundedJobRuns(claimer, runner, JOB, this.config::maxConcurrent, this::work);
  }

  /** Takes a deleted connection off the schedule. */
  public Uni<Void> remove(UUID connectionId) {
    return claimer.unschedule(connectionId.toString()).replaceWithVoid();
  }

  /** Puts a connection on the schedule (first run now) if it is not on it yet. */
  public Uni<Void> ensure(UUID connectionId) {
    return claimer.ensureScheduled(connectionId.toString(), JOB, clock.instant()).replaceWithVoid();
  }

  /**
   * Queues a sync of the connection (joining one already queued) and makes its job due now; it
   * starts at once here when a slot is free, else at the next tick in any replica.
   */
  public Uni<SyncRun> request(UUID connectionId) {
    return runs.queue(connectionId, clock.instant())
        .call(() -> claimer.schedule(connectionId.toString(), JOB, clock.instant()))
        .invoke(this::startSoon);
  }

  /** The state of a requested sync. */
  public Uni<Optional<SyncRun>> find(UUID connectionId, UUID runId) {
    return runs.find(connectionId, runId);
  }

  @Scheduled(
      every = "${github.sync.every:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      identity = "github-sync")
  Uni<Void> tick() {
    return runDue().replaceWithVoid();
  }

  /** Claims as many due syncs as there are free slots and runs them; the number run. */
  public Uni<Integer> runDue() {
    return due.runDue();
  }

  private void startSoon(SyncRun queued) {
    if (!config.startOnRequest()) {
      return;
    }
    runDue()
        .subscribe()
        .with(
            n -> LOG.debugf("sync %s requested: %d sync(s) started", queued.id(), n),
            f -> LOG.warnf("requested sync %s not started now: %s", queued.id(), ErrorText.of(f)));
  }

  private Uni<Instant> work(ClaimedJob job) {
    UUID id = UUID.fromString(job.connectionId());
    return connections
        .find(id)
        .chain(found -> runs.start(id, clock.instant()).chain(ids -> syncOne(found, ids)));
  }

  private Uni<Instant> syncOne(Optional<Connection> found, List<UUID> requested) {
    Instant next = clock.instant().plus(config.interval());
    if (found.isEmpty()) {
      return runs.finish(requested, 0, SyncResult.failure("connection deleted"), clock.instant())
          .replaceWith(next);
    }
    Connection c = found.get();
    if (requested.isEmpty() && (!c.active() || c.token() == null)) {
      return Uni.createFrom().item(next);
    }
    return sync.sync(c, requested)
        .map(outcome -> outcome.runAgainAt() == null ? next : outcome.runAgainAt());
  }
}
