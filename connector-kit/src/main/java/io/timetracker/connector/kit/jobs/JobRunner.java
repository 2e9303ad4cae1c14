package io.timetracker.connector.kit.jobs;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.masking.ErrorText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One scheduler tick: claim the due rows of a job, run each connection's work concurrently, and
 * complete or fail each on its own, so one failing or hanging connection never blocks the rest.
 * Typical use from a {@code @Scheduled} method:
 *
 * <pre>
 *   return runner.runDue("github-sync", 10, job -&gt; sync.run(job.connectionId())
 *       .map(ignored -&gt; clock.instant().plus(interval)));
 * </pre>
 */
@ApplicationScoped
public class JobRunner {

  private static final Logger LOG = Logger.getLogger(JobRunner.class);

  private final JobClaimer claimer;

  /** Runs jobs claimed by {@code claimer}. */
  public JobRunner(JobClaimer claimer) {
    this.claimer = claimer;
  }

  /**
   * Claims up to {@code limit} due {@code job} rows and runs {@code work} for each; the work's item
   * is when the job is due next. A failure, or no item within the policy's run timeout, reschedules
   * that connection with backoff.
   */
  public Uni<JobRunSummary> runDue(String job, int limit, Function<ClaimedJob, Uni<Instant>> work) {
    return claimer
        .claimDue(job, limit)
        .onItem()
        .transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
        .onItem()
        .transformToUniAndMerge(claimed -> runOne(claimed, work))
        .collect()
        .asList()
        .map(JobRunSummary::of);
  }

  /**
   * Runs one job claimed by the caller (who sized the claim, e.g. to a concurrency cap) and
   * completes or fails it like {@link #runDue}; true if it completed.
   */
  public Uni<Boolean> run(ClaimedJob claimed, Function<ClaimedJob, Uni<Instant>> work) {
    return runOne(claimed, work);
  }

  private Uni<Boolean> runOne(ClaimedJob claimed, Function<ClaimedJob, Uni<Instant>> work) {
    return Uni.createFrom()
        .deferred(() -> work.apply(claimed))
        .ifNoItem()
        .after(claimer.policy().runTimeout())
        .fail()
        .onItem()
        .transformToUni(next -> claimer.complete(claimed, next).replaceWith(Boolean.TRUE))
        .onFailure()
        .recoverWithUni(failure -> failed(claimed, failure));
  }

  private Uni<Boolean> failed(ClaimedJob claimed, Throwable failure) {
    LOG.warnf(
        "job %s for connection %s failed (%s consecutive): %s",
        claimed.job(), claimed.connectionId(), claimed.failures() + 1, ErrorText.of(failure));
    return claimer
        .fail(claimed, failure)
        .replaceWith(Boolean.FALSE)
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.errorf(
                  "could not record the failure of job %s: %s", claimed.job(), ErrorText.of(e));
              return Boolean.FALSE;
            });
  }
}
