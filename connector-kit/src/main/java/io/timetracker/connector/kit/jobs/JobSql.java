package io.timetracker.connector.kit.jobs;

/** The statements behind {@link JobClaimer}; each is one atomic statement. */
final class JobSql {

  static final String SCHEDULE =
      """
      INSERT INTO connector_job (connection_id, job, due_at) VALUES ($1, $2, $3)
      ON CONFLICT (connection_id, job) DO UPDATE SET due_at = excluded.due_at
      """;

  static final String ENSURE =
      """
      INSERT INTO connector_job (connection_id, job, due_at) VALUES ($1, $2, $3)
      ON CONFLICT (connection_id, job) DO NOTHING
      """;

  static final String UNSCHEDULE = "DELETE FROM connector_job WHERE connection_id = $1";

  /**
   * Due and not leased (or the lease lapsed); SKIP LOCKED lets concurrent claimers pass each other
   * instead of waiting, and the re-check of the WHERE clause on the locked row keeps a row that
   * another claimer just leased out of this batch.
   */
  static final String CLAIM =
      """
      WITH due AS (
        SELECT connection_id, job FROM connector_job
         WHERE job = $1 AND due_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
         ORDER BY due_at
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
      UPDATE connector_job j SET lease_owner = $4, lease_until = $5
        FROM due
       WHERE j.connection_id = due.connection_id AND j.job = due.job
      RETURNING j.connection_id, j.job, j.due_at, j.attempts, j.lease_owner, j.lease_until
      """;

  /** A "run now" that arrived during the run ($4 = the due_at claimed) is kept. */
  private static final String NEXT_DUE =
      "due_at = CASE WHEN due_at <> $4 THEN LEAST(due_at, $5) ELSE $5 END";

  static final String COMPLETE =
      "UPDATE connector_job SET "
          + NEXT_DUE
          + ", lease_owner = NULL, lease_until = NULL, attempts = 0, last_error = NULL,"
          + " last_run_at = $6 WHERE connection_id = $1 AND job = $2 AND lease_owner = $3";

  static final String FAIL =
      "UPDATE connector_job SET "
          + NEXT_DUE
          + ", lease_owner = NULL, lease_until = NULL, attempts = attempts + 1,"
          + " last_error = $6, last_run_at = $7"
          + " WHERE connection_id = $1 AND job = $2 AND lease_owner = $3";

  static final String FIND =
      """
      SELECT connection_id, job, due_at, lease_owner, lease_until, attempts, last_error, last_run_at
        FROM connector_job WHERE connection_id = $1 AND job = $2
      """;

  private JobSql() {}
}
