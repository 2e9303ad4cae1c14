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

  /**
   * Open and due (or claimed and lapsed), and the oldest open delivery of its key, so one key's
   * deliveries are worked one at a time in arrival order even across replicas: while the head of a
   * key is open (also while failed and waiting for its retry) the rest of the key waits. Attempts
   * counts this attempt; the lease ends at $3.
   */
  static final String CLAIM =
      """
      WITH due AS (
        SELECT d.id FROM inbox_delivery d
         WHERE d.status IN ('received', 'failed', 'processing') AND d.next_attempt_at <= $1
           AND (d.delivery_key IS NULL OR NOT EXISTS (
                 SELECT 1 FROM inbox_delivery o
                  WHERE o.delivery_key = d.delivery_key
                    AND o.status IN ('received', 'failed', 'processing')
                    AND o.seq < d.seq))
         ORDER BY d.next_attempt_at, d.seq
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
      UPDATE inbox_delivery d
         SET status = 'processing', attempts = d.attempts + 1, next_attempt_at = $3
        FROM due
       WHERE d.id = due.id
      RETURNING d.id, d.provider, d.delivery_id, d.connection_id, d.event, d.action, d.payload,
                d.headers, d.attempts, d.received_at, d.delivery_key
      """;

  /**
   * The next open delivery of the same key, connection and provider as delivery $1 (the one after
   * it in arrival order), if one is stored already: what a handler may look ahead to.
   */
  static final String NEXT_OF_KEY =
      """
      SELECT n.id, n.provider, n.delivery_id, n.connection_id, n.event, n.action, n.payload,
             n.headers, n.attempts, n.received_at, n.delivery_key
        FROM inbox_delivery d
        JOIN inbox_delivery n
          ON n.delivery_key = d.delivery_key AND n.provider = d.provider
         AND COALESCE(n.connection_id, '') = COALESCE(d.connection_id, '')
         AND n.seq > d.seq AND n.status IN ('received', 'failed')
       WHERE d.id = $1
       ORDER BY n.seq
       LIMIT 1
      """;

  /** Moves the lease end of claims still held ($1 ids with $2 attempts) to $3. */
  static final String EXTEND =
      """
      UPDATE inbox_delivery d SET next_attempt_at = $3
        FROM unnest($1::uuid[], $2::int[]) AS held(id, attempts)
       WHERE d.id = held.id AND d.attempts = held.attempts AND d.status = 'processing'
      """;

  /** Deletes up to $2 finished deliveries received before $1; the count comes back. */
  static final String PRUNE =
      """
      DELETE FROM inbox_delivery WHERE id IN (
        SELECT id FROM inbox_delivery
         WHERE status IN ('done', 'dead') AND received_at < $1
         LIMIT $2)
      """;

  /** Open deliveries and the oldest one's arrival. */
  static final String BACKLOG =
      "SELECT count(*) AS open, min(received_at) AS oldest FROM inbox_delivery"
          + " WHERE status IN ('received', 'failed', 'processing')";

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
