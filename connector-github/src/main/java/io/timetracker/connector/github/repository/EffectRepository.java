package io.timetracker.connector.github.repository;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Effect;
import io.timetracker.connector.kit.inbox.RetentionHook;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Table {@code github_effect}: what each delivery did in the core (provenance). Its rows follow the
 * inbox's retention ({@code connector.inbox.retention}).
 */
@ApplicationScoped
public class EffectRepository implements RetentionHook {

  /**
   * Every column, named: statements stay prepared per connection, and a {@code *} would change its
   * result when a migration adds a column ("cached plan must not change result type").
   */
  static final String COLUMNS =
      "id, inbox_id, delivery_id, connection_id, effect, issue_ref, user_id, task_id, "
          + "time_entry_id, detail, created_at";

  private final Pool pool;
  private final Clock clock;

  /** Uses the application's pool and clock. */
  public EffectRepository(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Records one effect. */
  public Uni<Void> record(Effect e) {
    Tuple args =
        Tuple.tuple()
            .addValue(e.inboxId())
            .addValue(e.deliveryId())
            .addValue(e.connectionId())
            .addValue(e.effect())
            .addValue(e.issueRef())
            .addValue(e.userId())
            .addValue(e.taskId())
            .addValue(e.timeEntryId())
            .addValue(
                e.detail() == null
                    ? null
                    : e.detail().substring(0, Math.min(500, e.detail().length())))
            .addValue(ConnectionRepository.at(clock.instant()));
    return pool.preparedQuery(
            "INSERT INTO github_effect (inbox_id, delivery_id, connection_id, effect, issue_ref,"
                + " user_id, task_id, time_entry_id, detail, created_at) VALUES ($1, $2, $3, $4, $5,"
                + " $6, $7, $8, $9, $10)")
        .execute(args)
        .replaceWithVoid();
  }

  @Override
  public Uni<Integer> pruneBefore(Instant cutoff, int limit) {
    return pool.preparedQuery(
            "DELETE FROM github_effect WHERE id IN (SELECT id FROM github_effect WHERE created_at"
                + " < $1 LIMIT $2)")
        .execute(Tuple.of(ConnectionRepository.at(cutoff), limit))
        .map(rows -> rows.rowCount());
  }

  /** The core task last recorded for an issue of a connection, if any. */
  public Uni<java.util.Optional<Long>> taskOf(java.util.UUID connectionId, String issueRef) {
    return pool.preparedQuery(
            "SELECT task_id FROM github_effect WHERE connection_id = $1 AND issue_ref = $2 AND"
                + " task_id IS NOT NULL ORDER BY id DESC LIMIT 1")
        .execute(Tuple.of(connectionId, issueRef))
        .map(
            rows ->
                rows.size() == 0
                    ? java.util.Optional.<Long>empty()
                    : java.util.Optional.of(rows.iterator().next().getLong(0)));
  }

  /**
   * The effects of one inbox row (all its attempts) that concern one connection's owner, oldest
   * first: those recorded on that connection for its owner or for nobody. Effects on other people
   * (a teammate's timer started through their own connection) are theirs to see, not the owner's.
   */
  public Uni<List<Effect>> byInbox(
      java.util.UUID inboxId, java.util.UUID connectionId, long ownerUserId) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM github_effect WHERE inbox_id = $1 AND connection_id = $2 AND (user_id"
                + " IS NULL OR user_id = $3) ORDER BY id")
        .execute(Tuple.of(inboxId, connectionId, ownerUserId))
        .map(
            rows -> {
              List<Effect> list = new ArrayList<>();
              rows.forEach(
                  r ->
                      list.add(
                          new Effect(
                              r.getUUID("inbox_id"),
                              r.getString("delivery_id"),
                              r.getUUID("connection_id"),
                              r.getString("effect"),
                              r.getString("issue_ref"),
                              r.getLong("user_id"),
                              r.getLong("task_id"),
                              r.getLong("time_entry_id"),
                              r.getString("detail"))));
              return list;
            });
  }
}
