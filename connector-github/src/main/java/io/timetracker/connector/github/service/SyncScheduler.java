package io.timetracker.connector.github.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.config.GithubConfig;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobRunner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Scheduled sync in every replica: the kit's job claimer hands each due connection to exactly one
 * replica ({@code FOR UPDATE SKIP LOCKED} + lease); a failing connection backs off on its own.
 */
@ApplicationScoped
public class SyncScheduler {

  /** The job name in {@code connector_job}. */
  public static final String JOB = "github-sync";

  private final JobRunner runner;
  private final JobClaimer claimer;
  private final ConnectionRepository connections;
  private final SyncService sync;
  private final Clock clock;
  private final Duration interval;

  /** Collaborators; {@code github.sync.interval} between runs of one connection. */
  public SyncScheduler(
      JobRunner runner,
      JobClaimer claimer,
      ConnectionRepository connections,
      SyncService sync,
      Clock clock,
      GithubConfig config) {
    this.runner = runner;
    this.claimer = claimer;
    this.connections = connections;
    this.sync = sync;
    this.clock = clock;
    this.interval = config.sync().interval();
  }

  /** Takes a deleted connection off the schedule. */
  public Uni<Void> remove(UUID connectionId) {
    return claimer.unschedule(connectionId.toString()).replaceWithVoid();
  }

  /** Puts a connection on the schedule (first run now) if it is not on it yet. */
  public Uni<Void> ensure(UUID connectionId) {
    return claimer.ensureScheduled(connectionId.toString(), JOB, clock.instant()).replaceWithVoid();
  }

  @Scheduled(
      every = "${github.sync.every:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      identity = "github-sync")
  Uni<Void> tick() {
    return runner
        .runDue(
            JOB,
            10,
            job ->
                connections
                    .find(UUID.fromString(job.connectionId()))
                    .chain(
                        found ->
                            found.isEmpty() || !found.get().active() || found.get().token() == null
                                ? Uni.createFrom().voidItem()
                                : sync.sync(found.get()).replaceWithVoid())
                    .map(ignored -> clock.instant().plus(interval)))
        .replaceWithVoid();
  }
}
