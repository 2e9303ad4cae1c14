package io.timetracker.connector.kit.jobs;

import java.time.Instant;

/**
 * A job row as stored, for status pages and tests.
 *
 * @param connectionId whose work it is
 * @param job the job name
 * @param dueAt when it is next due
 * @param leaseOwner the claim holding it, or {@code null}
 * @param leaseUntil when that claim lapses, or {@code null}
 * @param attempts consecutive failures so far (0 after a success)
 * @param lastError the last failure, masked, or {@code null} after a success
 * @param lastRunAt when a run last finished, or {@code null}
 */
public record JobState(
    String connectionId,
    String job,
    Instant dueAt,
    String leaseOwner,
    Instant leaseUntil,
    int attempts,
    String lastError,
    Instant lastRunAt) {}
