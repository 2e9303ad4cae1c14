package io.timetracker.connector.slack.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Table {@code slack_post} (and the kit's {@code processed_event}): which core events were posted,
 * so a redelivered event is not posted again.
 */
@ApplicationScoped
public class PostLog {

  private final Pool pool;

  /** Uses the application's pool. */
  public PostLog(Pool pool) {
    this.pool = pool;
  }

  /** Whether the event was handled already (posted, or deliberately not). */
  public Uni<Boolean> handled(String eventId) {
    return pool.preparedQuery("SELECT 1 FROM processed_event WHERE event_id = $1")
        .execute(Tuple.of(eventId))
        .map(rows -> rows.size() > 0);
  }

  /**
   * Records a post and the event as processed: one statement, so both rows or neither, in one round
   * trip.
   */
  public Uni<Void> posted(String eventId, long userId, String channel, String ts, Instant at) {
    return pool.preparedQuery(
            "WITH processed AS (INSERT INTO processed_event (event_id, processed_at) VALUES ($1,"
                + " now()) ON CONFLICT (event_id) DO NOTHING) INSERT INTO slack_post (event_id,"
                + " user_id, channel_id, message_ts, posted_at) VALUES ($1, $2, $3, $4, $5) ON"
                + " CONFLICT (event_id) DO NOTHING")
        .execute(Tuple.of(eventId, userId, channel, ts, WorkspaceRepository.at(at)))
        .replaceWithVoid();
  }

  /** Records an event as processed without a post (nothing to post, or Slack refused for good). */
  public Uni<Void> skipped(String eventId) {
    return pool.preparedQuery(
            "INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now()) ON CONFLICT"
                + " (event_id) DO NOTHING")
        .execute(Tuple.of(eventId))
        .replaceWithVoid();
  }
}
