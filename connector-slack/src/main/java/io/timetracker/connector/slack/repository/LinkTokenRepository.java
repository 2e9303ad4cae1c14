package io.timetracker.connector.slack.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Table {@code slack_link_token}: one-time link proofs, stored only as their SHA-256. */
@ApplicationScoped
public class LinkTokenRepository {

  private final Pool pool;

  /** Uses the application's pool. */
  public LinkTokenRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a proof for a Slack person; expired proofs are swept on the way. */
  public Uni<Void> store(
      String hash, String teamId, String slackUserId, String name, Instant expiresAt, Instant now) {
    return pool.preparedQuery("DELETE FROM slack_link_token WHERE expires_at < $1")
        .execute(Tuple.of(WorkspaceRepository.at(now)))
        .chain(
            ignored ->
                pool.preparedQuery(
                        "INSERT INTO slack_link_token (token_hash, team_id, slack_user_id,"
                            + " slack_user_name, expires_at) VALUES ($1, $2, $3, $4, $5)")
                    .execute(
                        Tuple.of(
                            hash, teamId, slackUserId, name, WorkspaceRepository.at(expiresAt))))
        .replaceWithVoid();
  }

  /** Uses a proof up: the Slack person it was issued to, if it exists and has not expired. */
  public Uni<Optional<LinkProof>> consume(String hash, Instant now) {
    return pool.preparedQuery(
            "DELETE FROM slack_link_token WHERE token_hash = $1 RETURNING team_id, slack_user_id,"
                + " slack_user_name, expires_at")
        .execute(Tuple.of(hash))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.<LinkProof>empty();
              }
              var r = rows.iterator().next();
              if (r.getOffsetDateTime("expires_at").toInstant().isBefore(now)) {
                return Optional.<LinkProof>empty();
              }
              return Optional.of(
                  new LinkProof(
                      r.getString("team_id"),
                      r.getString("slack_user_id"),
                      r.getString("slack_user_name")));
            });
  }

  /**
   * The Slack person a link proof was issued to.
   *
   * @param teamId workspace
   * @param slackUserId Slack user
   * @param slackUserName their name
   */
  public record LinkProof(String teamId, String slackUserId, String slackUserName) {}
}
