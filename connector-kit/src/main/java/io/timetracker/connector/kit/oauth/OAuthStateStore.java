package io.timetracker.connector.kit.oauth;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * OAuth {@code state} values with their PKCE verifiers (table {@code oauth_state}, changelog {@code
 * db/changelog/connector-kit/oauth-state.xml}). A state is bound to the person who started the
 * flow, short-lived and single use: {@link #consume} deletes the row in the same statement that
 * reads it, so a replayed or concurrent callback finds nothing. Only a SHA-256 of the state is
 * stored, and the verifier is encrypted with {@link SecretCipher}: a database reader can complete
 * no flow.
 */
@ApplicationScoped
public class OAuthStateStore {

  private static final String INSERT =
      """
      INSERT INTO oauth_state (state_hash, provider, subject, user_id, code_verifier, context,
                               created_at, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;

  private static final String CONSUME =
      """
      DELETE FROM oauth_state WHERE state_hash = $1 AND provider = $2
      RETURNING subject, user_id, code_verifier, context, expires_at
      """;

  private static final String PRUNE =
      """
      DELETE FROM oauth_state WHERE state_hash IN (
        SELECT state_hash FROM oauth_state WHERE expires_at < $1 LIMIT $2)
      """;

  private final Pool pool;
  private final Clock clock;
  private final SecretCipher cipher;

  /** The connector's pool, clock and cipher. */
  public OAuthStateStore(Pool pool, Clock clock, SecretCipher cipher) {
    this.pool = pool;
    this.clock = clock;
    this.cipher = cipher;
  }

  /**
   * Starts an authorization for the person: a new state and PKCE pair, stored until {@code ttl} has
   * passed. Fails with {@code EncryptionUnavailableException} when no key is configured.
   */
  public Uni<AuthorizationRequest> begin(
      String provider, String subject, Long userId, String context, Duration ttl) {
    String state = Pkce.randomToken(24);
    Pkce pkce = Pkce.generate();
    String hash = hash(state);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl);
    String verifier = cipher.encrypt(pkce.verifier(), cipherContext(hash));
    Tuple row =
        Tuple.tuple()
            .addString(hash)
            .addString(provider)
            .addString(subject)
            .addLong(userId)
            .addString(verifier)
            .addString(context)
            .addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
            .addOffsetDateTime(expiresAt.atOffset(ZoneOffset.UTC));
    return pool.preparedQuery(INSERT)
        .execute(row)
        .replaceWith(new AuthorizationRequest(state, pkce, expiresAt));
  }

  /**
   * Takes the state back once: the pending authorization if the state was issued for this provider
   * and has not expired; empty for an unknown, reused or expired state.
   */
  public Uni<Optional<PendingAuthorization>> consume(String provider, String state) {
    if (state == null || state.isBlank() || state.length() > 256) {
      return Uni.createFrom().item(Optional.empty());
    }
    String hash = hash(state);
    return pool.preparedQuery(CONSUME)
        .execute(Tuple.of(hash, provider))
        .map(rows -> pending(provider, hash, rows));
  }

  /** Deletes up to {@code limit} expired states; the number deleted. */
  public Uni<Integer> pruneExpired(int limit) {
    return pool.preparedQuery(PRUNE)
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), limit))
        .map(RowSet::rowCount);
  }

  private Optional<PendingAuthorization> pending(String provider, String hash, RowSet<Row> rows) {
    if (rows.rowCount() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    if (!row.getOffsetDateTime("expires_at").toInstant().isAfter(clock.instant())) {
      return Optional.empty();
    }
    String verifier = cipher.decrypt(row.getString("code_verifier"), cipherContext(hash)).value();
    return Optional.of(
        new PendingAuthorization(
            provider,
            row.getString("subject"),
            row.getLong("user_id"),
            verifier,
            row.getString("context")));
  }

  private static String cipherContext(String hash) {
    return "oauth_state:" + hash + ":code_verifier";
  }

  private static String hash(String state) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
