package io.timetracker.timer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.config.CodePointSizes;
import io.timetracker.timer.config.TimerConfig;
import io.timetracker.timer.model.IdempotencyRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Runs a create at most once per (user, Idempotency-Key): the key is claimed first, the answer is
 * stored in the same transaction as the change and replayed for a retry with the same body, also to
 * a retry that raced the first request.
 */
@ApplicationScoped
public class IdempotencyService {
  private static final String WAIT_AT_MOST = "SELECT set_config('lock_timeout', ?1, true)";
  // back to the connection's own setting: the bound is for the key only, not for the change itself
  private static final String WAIT_AS_USUAL =
      "SELECT set_config('lock_timeout', reset_val, true) FROM pg_settings"
          + " WHERE name = 'lock_timeout'";
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String CLEAR_EXPIRED =
      "DELETE FROM idempotency_keys WHERE user_id = ?1 AND idem_key = ?2 AND created_at < ?3";
  private static final String CLAIM =
      "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, response_status,"
          + " created_at) VALUES (?1, ?2, ?3, 201, ?4) ON CONFLICT DO NOTHING";
  private static final String STORE_ANSWER =
      "UPDATE idempotency_keys SET response_body = ?1 WHERE user_id = ?2 AND idem_key = ?3";
  private final ObjectMapper mapper;
  private final Clock clock;
  private final TimerConfig config;

  public IdempotencyService(ObjectMapper mapper, Clock clock, TimerConfig config) {
    this.mapper = mapper;
    this.clock = clock;
    this.config = config;
  }

  /**
   * Runs {@code action} unless this key already ran it, in which case its answer is replayed. A
   * request whose key is held by a request still running waits for that one's outcome (its insert
   * of the key blocks on the other's uncommitted row): the other's answer when it committed, its
   * own run when the other rolled back, 409 {@code idempotency_key_in_use} after {@code
   * timer.idempotency.max-wait}.
   */
  public <T> Uni<T> once(
      CurrentUser user, String key, Object request, Supplier<Uni<T>> action, Class<T> type) {
    if (key == null || key.isBlank()) {
      return action.get();
    }
    if (CodePointSizes.length(key) > 200) {
      throw ApiException.invalidField("Idempotency-Key", "must be at most 200 characters");
    }
    // the request type is part of the hash, so one key cannot replay another endpoint's answer
    String hash = hash(request.getClass().getName(), request);
    return attempt(user, key, hash, action, type)
        .onFailure(IdempotencyService::waitedTooLong)
        .transform(
            f ->
                ApiException.conflict(
                        "idempotency_key_in_use",
                        "A request with this key is still running; retry shortly.")
                    .retryAfter(1));
  }

  @WithTransaction
  <T> Uni<T> attempt(
      CurrentUser user, String key, String hash, Supplier<Uni<T>> action, Class<T> type) {
    return waitAtMost()
        .chain(() -> clearExpired(user, key))
        .chain(() -> claim(user, key, hash))
        .chain(
            claimed ->
                claimed
                    ? waitAsUsual().chain(() -> run(user, key, action))
                    : stored(user, key, hash, type));
  }

  /** Bounds how long this transaction waits for a row lock (the other request's key). */
  private Uni<Object> waitAtMost() {
    return Panache.getSession()
        .chain(
            s -> s.createNativeQuery(WAIT_AT_MOST).setParameter(1, waitMillis()).getSingleResult());
  }

  /**
   * Lifts the bound once the key is ours: the change may wait for a lock of another transaction of
   * this user (a start racing a start without a key) as any request without a key would, instead of
   * failing after {@code timer.idempotency.max-wait} with a lock timeout.
   */
  private Uni<Object> waitAsUsual() {
    return Panache.getSession().chain(s -> s.createNativeQuery(WAIT_AS_USUAL).getSingleResult());
  }

  /** Deletes this key's answer when it is past the retention, so the key can run again. */
  private Uni<Integer> clearExpired(CurrentUser user, String key) {
    Instant cutoff = clock.instant().minus(config.idempotency().retention());
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(CLEAR_EXPIRED)
                    .setParameter(1, user.id())
                    .setParameter(2, key)
                    .setParameter(3, cutoff)
                    .executeUpdate());
  }

  /** Inserts the key; false when a committed request holds it (waits for a running one). */
  private Uni<Boolean> claim(CurrentUser user, String key, String hash) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(CLAIM)
                    .setParameter(1, user.id())
                    .setParameter(2, key)
                    .setParameter(3, hash)
                    .setParameter(4, clock.instant())
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  private <T> Uni<T> run(CurrentUser user, String key, Supplier<Uni<T>> action) {
    return action
        .get()
        .call(
            result ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createNativeQuery(STORE_ANSWER)
                                .setParameter(1, write(result))
                                .setParameter(2, user.id())
                                .setParameter(3, key)
                                .executeUpdate()));
  }

  private <T> Uni<T> stored(CurrentUser user, String key, String hash, Class<T> type) {
    return Panache.getSession()
        .chain(s -> s.find(IdempotencyRecord.class, new IdempotencyRecord.Key(user.id(), key)))
        .map(
            found -> {
              if (found == null) {
                throw ApiException.conflict(
                        "idempotency_key_in_use", "A request with this key is in progress; retry.")
                    .retryAfter(1);
              }
              return replay(found, hash, type);
            });
  }

  private String waitMillis() {
    return config.idempotency().maxWait().toMillis() + "ms";
  }

  /** PostgreSQL gave up waiting for the other request's lock ({@code lock_not_available}). */
  private static boolean waitedTooLong(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.pgclient.PgException pg
          && LOCK_NOT_AVAILABLE.equals(pg.getSqlState())) {
        return true;
      }
      // Hibernate Reactive hands it on as a JDBCException (LockTimeoutException) over SQLException
      if (t instanceof java.sql.SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
        return true;
      }
      if (t instanceof org.hibernate.JDBCException jdbc
          && LOCK_NOT_AVAILABLE.equals(jdbc.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private <T> T replay(IdempotencyRecord found, String hash, Class<T> type) {
    if (!found.requestHash.equals(hash)) {
      throw ApiException.unprocessable(
          "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
    }
    try {
      return mapper.readValue(found.responseBody, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored idempotent answer is unreadable", e);
    }
  }

  private String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String hash(String kind, Object request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(kind.getBytes(StandardCharsets.UTF_8));
      sha.update(mapper.writeValueAsBytes(request));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes stored answers older than the retention. */
  @WithTransaction
  public Uni<Integer> prune() {
    Instant cutoff = clock.instant().minus(config.idempotency().retention());
    return Panache.getSession()
        .chain(
            s ->
                s.createMutationQuery("delete from IdempotencyRecord r where r.createdAt < :cutoff")
                    .setParameter("cutoff", cutoff)
                    .executeUpdate());
  }
}
