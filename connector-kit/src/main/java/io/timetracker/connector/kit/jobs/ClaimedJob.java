package io.timetracker.connector.kit.jobs;

import java.time.Instant;

/**
 * A job this replica holds until {@code leaseUntil}; pass it back to {@link JobClaimer#complete} or
 * {@link JobClaimer#fail}.
 *
 * @param connectionId whose work this is
 * @param job the job name, e.g. {@code github-sync}
 * @param dueAt when it was due
 * @param failures consecutive failures before this run
 * @param leaseToken proves the claim; a late finish after someone else re-claimed changes nothing
 * @param leaseUntil when the claim lapses
 */
public record ClaimedJob(
    String connectionId,
    String job,
    Instant dueAt,
    int failures,
    String leaseToken,
    Instant leaseUntil) {}
