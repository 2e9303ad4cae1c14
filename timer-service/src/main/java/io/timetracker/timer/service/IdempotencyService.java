package io.timetracker.timer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.config.CodePointSizes;
import io.timetracker.timer.config.TimerConfig;
import io.timetracker.timer.model.IdempotencyRecord;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs a create at most once per (user, Idempotency-Key): the key is claimed first, the answer is
 * stored in the same transaction as the change and replayed for a retry with the same body, also to
 * a retry that raced the first request.
 */
@ApplicationScoped
public class IdempotencyService {
  // written once with the reactive client's positional parameters; a Hibernate session runs them
  // with JPA's (?1 for $1, see InSession)
  private static final String WAIT_AT_MOST = "SELECT set_config('lock_timeout', $1, true)";
  // back to the connection's own setting: the bound is for the key only, not for the change itself
  private static final String WAIT_AS_USUAL =
      "SELECT set_config('lock_timeout', reset_val, true) FROM pg_settings"
          + " WHERE name = 'lock_timeout'";
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String CLEAR_EXPIRED =
      "DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2 AND created_at < $3";
  private static final String CLAIM =
      "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, response_status,"
          + " created_at) VALUES ($1, $2, $3, 201, $4) ON CONFLICT DO NOTHING";
  private static final String STORE_ANSWER =
      "UPDATE idempotency_keys SET response_body = $1 WHERE user_id = $2 AND idem_key = $3";
  private static final String STORED =
      "SELECT request_hash, response_body FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2";
  private final ObjectMapper mapper;
  private final Clock clock;
  private final TimerConfig config;
  private final Pool pool;

  public IdempotencyService(ObjectMapper mapper, Clock clock, TimerConfig config, Pool pool) {
    this.mapper = mapper;
    this.clock = clock;
    this.config = config;
    this.pool = pool;
  }

  /**
   * Runs {@code action} unless this key already ran it, in which case its answer is replayed. A
   * request whose key is held by a request still running waits for that one's outcome (its insert
   * of the key blocks on the other's uncommitted row): the other's answer when it committed, its
   * own run when the other rolled back, 409 {@code idempotency_key_in_use} after {@code
   * timer.idempotency.max-wait}. The action runs in the Hibernate Reactive transaction that holds
   * the key.
   */
  public <T> Uni<T> once(
      CurrentUser user, String key, Object request, Supplier<Uni<T>> action, Class<T> type) {
    if (key == null || key.isBlank()) {
      return action.get();
    }
    String hash = requestHash(key, request);
    return inUse(attempt(user, key, hash, action, type));
  }

  /**
   * The same for an action on a reactive-client connection ({@code TimerCommands}): the key, the
   * action and its stored answer share one {@code pool.withTransaction}; without a key the action
   * runs in a transaction of its own.
   */
  public <T> Uni<T> onceOnConnection(
      CurrentUser user,
      String key,
      Object request,
      Function<SqlConnection, Uni<T>> action,
      Class<T> type) {
    if (key == null || key.isBlank()) {
      return pool.withTransaction(action::apply);
    }
    String hash = requestHash(key, request);
    return inUse(
        pool.withTransaction(
            tx -> attempt(new OnConnection(tx), user, key, hash, () -> action.apply(tx), type)));
  }

  /** The hash of the request; the key's length is checked first. */
  private String requestHash(String key, Object request) {
    if (CodePointSizes.length(key) > 200) {
      throw ApiException.invalidField("Idempotency-Key", "must be at most 200 characters");
    }
    // the request type is part of the hash, so one key cannot replay another endpoint's answer
    return hash(request.getClass().getName(), request);
  }

  private static <T> Uni<T> inUse(Uni<T> attempt) {
    return attempt
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
    return attempt(new InSession(), user, key, hash, action, type);
  }

  private <T> Uni<T> attempt(
      Statements sql,
      CurrentUser user,
      String key,
      String hash,
      Supplier<Uni<T>> action,
      Class<T> type) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(config.idempotency().retention());
    // bounds how long this transaction waits for a row lock (the other request's key)
    return sql.select(WAIT_AT_MOST, waitMillis())
        // deletes this key's answer when it is past the retention, so the key can run again
        .chain(() -> sql.update(CLEAR_EXPIRED, user.id(), key, cutoff))
        // inserts the key; false when a committed request holds it (waits for a running one)
        .chain(() -> sql.update(CLAIM, user.id(), key, hash, now))
        .chain(
            claimed ->
                claimed == 1
                    // lifts the bound once the key is ours: the change may wait for a lock of
                    // another transaction of this user (a start racing a start without a key) as
                    // any request without a key would, instead of failing after
                    // timer.idempotency.max-wait with a lock timeout
                    ? sql.select(WAIT_AS_USUAL).chain(() -> run(sql, user, key, action))
                    : sql.stored(user.id(), key).map(found -> replay(found, hash, type)));
  }

  private <T> Uni<T> run(Statements sql, CurrentUser user, String key, Supplier<Uni<T>> action) {
    return action.get().call(result -> sql.update(STORE_ANSWER, write(result), user.id(), key));
  }

  /** A stored key: the request's hash and the answer (null until its request committed). */
  private record Stored(String requestHash, String responseBody) {}

  /** How the protocol's statements run: in a Hibernate Reactive session or on a connection. */
  private interface Statements {
    Uni<Void> select(String sql, Object... args);

    Uni<Integer> update(String sql, Object... args);

    Uni<Stored> stored(long userId, String key);
  }

  /** The current Hibernate Reactive session (and its transaction). */
  private static final class InSession implements Statements {
    @Override
    public Uni<Void> select(String sql, Object... args) {
      return Panache.getSession()
          .chain(s -> bind(s.createNativeQuery(jpa(sql)), args).getSingleResult())
          .replaceWithVoid();
    }

    @Override
    public Uni<Integer> update(String sql, Object... args) {
      return Panache.getSession()
          .chain(s -> bind(s.createNativeQuery(jpa(sql)), args).executeUpdate());
    }

    @Override
    public Uni<Stored> stored(long userId, String key) {
      return Panache.getSession()
          .chain(s -> s.find(IdempotencyRecord.class, new IdempotencyRecord.Key(userId, key)))
          .map(found -> found == null ? null : new Stored(found.requestHash, found.responseBody));
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object[] args) {
      for (int i = 0; i < args.length; i++) {
        query.setParameter(i + 1, args[i]);
      }
      return query;
    }

    /** $1, $2 … as JPA's ?1, ?2 … (the statements above hold no other '$'). */
    private static String jpa(String sql) {
      return sql.replace('$', '?');
    }
  }

  /** A reactive-client connection inside its transaction. */
  private record OnConnection(SqlConnection tx) implements Statements {
    @Override
    public Uni<Void> select(String sql, Object... args) {
      return tx.preparedQuery(sql).execute(tuple(args)).replaceWithVoid();
    }

    @Override
    public Uni<Integer> update(String sql, Object... args) {
      return tx.preparedQuery(sql).execute(tuple(args)).map(RowSet::rowCount);
    }

    @Override
    public Uni<Stored> stored(long userId, String key) {
      return tx.preparedQuery(STORED)
          .execute(Tuple.of(userId, key))
          .map(
              rows -> {
                if (!rows.iterator().hasNext()) {
                  return null;
                }
                Row r = rows.iterator().next();
                return new Stored(r.getString("request_hash"), r.getString("response_body"));
              });
    }

    /** The client binds timestamptz as OffsetDateTime, not Instant. */
    private static Tuple tuple(Object[] args) {
      Tuple t = Tuple.tuple();
      for (Object arg : args) {
        t.addValue(arg instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : arg);
      }
      return t;
    }
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

  private <T> T replay(Stored found, String hash, Class<T> type) {
    if (found == null) {
      throw ApiException.conflict(
              "idempotency_key_in_use", "A request with this key is in progress; retry.")
          .retryAfter(1);
    }
    if (!found.requestHash().equals(hash)) {
      throw ApiException.unprocessable(
          "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
    }
    try {
      return mapper.readValue(found.responseBody(), type);
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
