package io.timetracker.connector.kit.inbox;

/** The statements behind {@link Inbox}; each is one atomic statement. */
final class InboxSql {

  static final String INSERT =
      """
      INSERT INTO inbox_delivery (id, provider, delivery_id, connection_id, event, action,
                                  received_at, payload, headers, delivery_key, status, attempts,
                                  next_attempt_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'received', 0, $7)
      ON CONFLICT (provider, (COALESCE(connection_id, '')), delivery_id) DO NOTHING
      RETURNING id
      """;

  static final String FIND_ID =
      "SELECT id FROM inbox_delivery WHERE provider = $1 AND delivery_id = $2"
          + " AND COALESCE(connection_id, '') = COALESCE($3, '')";

  /** A claim that lapsed on its last allowed attempt (the replica died) goes to dead. */
  static final String BURY_LAPSED =
      """
      UPDATE inbox_delivery
         SET status = 'dead', next_attempt_at = NULL,
             last_error = COALESCE(last_error || ' / ', '') || 'processing timed out'
       WHERE status = 'processing' AND next_attempt_at <= $1 AND attempts >= $2
      """;

  /** Open and due, or claimed and lapsed; attempts counts this attempt. */
  static final String CLAIM =
      """
      WITH due AS (
        SELECT id FROM inbox_delivery
         WHERE status IN ('received', 'failed', 'processing') AND next_attempt_at <= $1
         ORDER BY next_attempt_at, received_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
      UPDATE inbox_delivery d
         SET status = 'processing', attempts = d.attempts + 1, next_attempt_at = $3
        FROM due
       WHERE d.id = due.id
      RETURNING d.id, d.provider, d.delivery_id, d.connection_id, d.event, d.action, d.payload,
                d.headers, d.attempts, d.received_at, d.delivery_key
      """;

  private static final String CLAIM_HELD =
      " WHERE id = $1 AND status = 'processing' AND attempts = $2";

  static final String DONE =
      "UPDATE inbox_delivery SET status = 'done', processed_at = $3, next_attempt_at = NULL"
          + CLAIM_HELD;

  static final String FAILED =
      "UPDATE inbox_delivery SET status = CASE WHEN attempts >= $3 THEN 'dead' ELSE 'failed' END,"
          + " next_attempt_at = CASE WHEN attempts >= $3 THEN NULL ELSE $4 END, last_error = $5"
          + CLAIM_HELD
          + " RETURNING status";

  static final String REDELIVER =
      """
      UPDATE inbox_delivery
         SET status = 'received', attempts = 0, next_attempt_at = $3, last_error = NULL,
             processed_at = NULL
       WHERE id = $1 AND connection_id = $2 AND (status <> 'processing' OR next_attempt_at <= $3)
      """;

  private static final String SUMMARY_COLUMNS =
      "SELECT id, provider, delivery_id, event, action, received_at, status, attempts,"
          + " last_error, next_attempt_at, processed_at FROM inbox_delivery";

  static final String GET = SUMMARY_COLUMNS + " WHERE id = $1 AND connection_id = $2";

  static final String LIST =
      SUMMARY_COLUMNS
          + " WHERE connection_id = $1 ORDER BY received_at DESC, id LIMIT $2 OFFSET $3";

  private InboxSql() {}
}
