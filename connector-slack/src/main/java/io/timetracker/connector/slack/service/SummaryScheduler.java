package io.timetracker.connector.slack.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.jobs.ClaimedJob;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobRunSummary;
import io.timetracker.connector.kit.jobs.JobRunner;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.repository.SlackUserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Daily summaries as the kit's per-connection jobs (one per linked user with the summary on): every
 * replica runs {@link #runDue}, the claimer hands each due user to exactly one of them, and the
 * user's local day is claimed in the database before the post — so one post per local day, also
 * with two replicas or after a crash.
 */
@ApplicationScoped
public class SummaryScheduler {

  /** The job name in {@code connector_job}. */
  public static final String JOB = "slack-daily-summary";

  private final JobClaimer claimer;
  private final JobRunner runner;
  private final SlackUserRepository users;
  private final SummaryPoster poster;
  private final SlackConfig config;
  private final Clock clock;

  /** Collaborators. */
  public SummaryScheduler(
      JobClaimer claimer,
      JobRunner runner,
      SlackUserRepository users,
      SummaryPoster poster,
      SlackConfig config,
      Clock clock) {
    this.claimer = claimer;
    this.runner = runner;
    this.users = users;
    this.poster = poster;
    this.config = config;
    this.clock = clock;
  }

  /** Schedules (or unschedules) a user's summary after their settings changed. */
  public Uni<Void> reschedule(SlackUser user) {
    if (!user.settings().dailySummary()) {
      return unschedule(user.userId());
    }
    Instant due = slots(user).firstDue(clock.instant(), user.lastSummaryDate());
    return claimer.schedule(Long.toString(user.userId()), JOB, due);
  }

  /** Removes a user's summary job. */
  public Uni<Void> unschedule(long userId) {
    return claimer.unschedule(Long.toString(userId)).replaceWithVoid();
  }

  @Scheduled(
      every = "${slack.summary.every:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> tick() {
    return runDue().replaceWithVoid();
  }

  /** Posts every due summary this replica can claim. */
  public Uni<JobRunSummary> runDue() {
    return runDue(runner);
  }

  /** The same with another runner (a second replica's, in tests). */
  public Uni<JobRunSummary> runDue(JobRunner with) {
    return with.runDue(JOB, config.summary().batch(), this::work);
  }

  private Uni<Instant> work(ClaimedJob job) {
    return users
        .find(Long.parseLong(job.connectionId()))
        .chain(
            found ->
                found
                    .filter(u -> u.settings().dailySummary())
                    .map(this::postIfDue)
                    .orElseGet(
                        () -> Uni.createFrom().item(clock.instant().plus(Duration.ofDays(1)))));
  }

  private Uni<Instant> postIfDue(SlackUser user) {
    SummarySlots.Decision decision = slots(user).decide(clock.instant(), user.lastSummaryDate());
    if (decision.post() == null) {
      return Uni.createFrom().item(decision.nextDue());
    }
    return poster.post(user, decision.post()).replaceWith(decision.nextDue());
  }

  private SummarySlots slots(SlackUser user) {
    return new SummarySlots(
        ZoneId.of(user.timeZone()), user.settings().summaryTime(), config.summary().grace());
  }
}
