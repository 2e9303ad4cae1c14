package io.timetracker.connector.kit.jobs;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.masking.ErrorText;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims due per-connection jobs for a scheduler that runs in every replica (table {@code
 * connector_job}, changelog {@code db/changelog/connector-kit/jobs.xml}). A claim is one statement
 * with {@code FOR UPDATE SKIP LOCKED} that sets a lease, so two replicas never hold the same
 * connection's job; a lapsed lease (crashed replica) can be claimed again. A failure pushes only
 * that connection's job back, with exponential backoff. Times come from the injected clock.
 */
@ApplicationScoped
public class JobClaimer {

  private static final String OWNER =
      Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("replica");

  private final Pool pool;
  private final Clock clock;
  private final JobPolicy policy;

  /** From configuration. */
  @Inject
  public JobClaimer(Pool pool, Clock clock, JobsConfig config) {
    this(pool, clock, JobPolicy.of(config));
  }

  /** With an explicit policy, for tests and tools. */
  public JobClaimer(Pool pool, Clock clock, JobPolicy policy) {
    this.pool = pool;
    this.clock = clock;
    this.policy = policy;
  }

  /** The policy in force. */
  public JobPolicy policy() {
    return policy;
  }

  /** Creates the job or moves its due time, e.g. to now for a manual "sync now". */
  public Uni<Void> schedule(String connectionId, String job, Instant dueAt) {
    return pool.preparedQuery(JobSql.SCHEDULE)
        .execute(Tuple.of(connectionId, job, JobRows.at(dueAt)))
        .replaceWithVoid();
  }

  /** Creates the job if it does not exist yet; true if it was created. */
  public Uni<Boolean> ensureScheduled(String connectionId, String job, Instant dueAt) {
    return pool.preparedQuery(JobSql.ENSURE)
        .execute(Tuple.of(connectionId, job, JobRows.at(dueAt)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Removes every job of a connection (it was deleted or deactivated); the count removed. */
  public Uni<Integer> unschedule(String connectionId) {
    return pool.preparedQuery(JobSql.UNSCHEDULE)
        .execute(Tuple.of(connectionId))
        .map(RowSet::rowCount);
  }

  /** Claims up to {@code limit} due rows of {@code job} for the policy's lease. */
  public Uni<List<ClaimedJob>> claimDue(String job, int limit) {
    Instant now = clock.instant();
    String token = OWNER + ":" + UUID.randomUUID();
    Tuple args =
        Tuple.of(
            job, JobRows.at(now), Math.max(1, limit), token, JobRows.at(now.plus(policy.lease())));
    return pool.preparedQuery(JobSql.CLAIM).execute(args).map(JobRows::claimed);
  }

  /**
   * Releases a successful job: due again at {@code nextDueAt}, failures reset. False if the lease
   * was lost meanwhile (then nothing changes).
   */
  public Uni<Boolean> complete(ClaimedJob claimed, Instant nextDueAt) {
    Tuple args =
        Tuple.of(
                claimed.connectionId(),
                claimed.job(),
                claimed.leaseToken(),
                JobRows.at(claimed.dueAt()))
            .addValue(JobRows.at(nextDueAt))
            .addValue(JobRows.at(clock.instant()));
    return pool.preparedQuery(JobSql.COMPLETE).execute(args).map(rows -> rows.rowCount() == 1);
  }

  /**
   * Releases a failed job: one more consecutive failure, the error (masked) kept, due again after
   * the backoff. Other connections' jobs are untouched. False if the lease was lost meanwhile.
   */
  public Uni<Boolean> fail(ClaimedJob claimed, Throwable failure) {
    Instant now = clock.instant();
    Instant retryAt = now.plus(policy.backoff().delay(claimed.failures() + 1));
    Tuple args =
        Tuple.of(
                claimed.connectionId(),
                claimed.job(),
                claimed.leaseToken(),
                JobRows.at(claimed.dueAt()))
            .addValue(JobRows.at(retryAt))
            .addValue(ErrorText.of(failure))
            .addValue(JobRows.at(now));
    return pool.preparedQuery(JobSql.FAIL).execute(args).map(rows -> rows.rowCount() == 1);
  }

  /** The stored state of one job. */
  public Uni<Optional<JobState>> find(String connectionId, String job) {
    return pool.preparedQuery(JobSql.FIND)
        .execute(Tuple.of(connectionId, job))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(JobRows.state(rows.iterator().next())));
  }
}
