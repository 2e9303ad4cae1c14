package io.timetracker.connector.slack.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Table {@code slack_command}: slash commands with an effect, by Slack's trigger id, so a retried
 * request (same trigger id) acts once and gets the first reply again.
 */
@ApplicationScoped
public class CommandLog {

  private final Pool pool;

  /** Uses the application's pool. */
  public CommandLog(Pool pool) {
    this.pool = pool;
  }

  /**
   * Claims a trigger id: empty the first time (go ahead), else the earlier reply (or an empty
   * string while the first request is still working).
   */
  public Uni<Optional<String>> claim(String triggerId, String teamId, Instant now) {
    return pool.preparedQuery(
            "INSERT INTO slack_command (trigger_id, team_id, created_at) VALUES ($1, $2, $3) ON"
                + " CONFLICT (trigger_id) DO NOTHING")
        .execute(Tuple.of(triggerId, teamId, WorkspaceRepository.at(now)))
        .chain(
            rows ->
                rows.rowCount() == 1
                    ? Uni.createFrom().item(Optional.<String>empty())
                    : earlierReply(triggerId));
  }

  /** Remembers the reply of a claimed command. */
  public Uni<Void> answered(String triggerId, String reply) {
    return pool.preparedQuery("UPDATE slack_command SET reply = $2 WHERE trigger_id = $1")
        .execute(Tuple.of(triggerId, reply))
        .replaceWithVoid();
  }

  /** Gives a claim back when the command could not act (a retry may then try again). */
  public Uni<Void> release(String triggerId) {
    return pool.preparedQuery("DELETE FROM slack_command WHERE trigger_id = $1")
        .execute(Tuple.of(triggerId))
        .replaceWithVoid();
  }

  private Uni<Optional<String>> earlierReply(String triggerId) {
    return pool.preparedQuery("SELECT reply FROM slack_command WHERE trigger_id = $1")
        .execute(Tuple.of(triggerId))
        .map(
            rows ->
                Optional.of(
                    rows.size() == 0 || rows.iterator().next().getString(0) == null
                        ? ""
                        : rows.iterator().next().getString(0)));
  }
}
