package io.timetracker.timer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
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
 * Runs a create at most once per (user, Idempotency-Key): the answer is stored in the same
 * transaction as the change and replayed for a retry with the same body.
 */
@ApplicationScoped
public class IdempotencyService {
  private final ObjectMapper mapper;
  private final Clock clock;
  private final TimerConfig config;

  public IdempotencyService(ObjectMapper mapper, Clock clock, TimerConfig config) {
    this.mapper = mapper;
    this.clock = clock;
    this.config = config;
  }

  /** Runs {@code action} unless this key already ran it, in which case its answer is replayed. */
  public <T> Uni<T> once(
      CurrentUser user, String key, Object request, Supplier<Uni<T>> action, Class<T> type) {
    if (key == null || key.isBlank()) {
      return action.get();
    }
    if (key.length() > 200) {
      throw ApiException.invalidField("Idempotency-Key", "must be at most 200 characters");
    }
    // the request type is part of the hash, so one key cannot replay another endpoint's answer
    String hash = hash(request.getClass().getName(), request);
    return attempt(user, key, hash, action, type)
        .onFailure(f -> Constraints.isViolation(f, Constraints.IDEMPOTENCY_KEY))
        .recoverWithUni(() -> replayOnly(user, key, hash, type));
  }

  @WithTransaction
  <T> Uni<T> attempt(
      CurrentUser user, String key, String hash, Supplier<Uni<T>> action, Class<T> type) {
    IdempotencyRecord.Key id = new IdempotencyRecord.Key(user.id(), key);
    return Panache.getSession()
        .chain(s -> s.find(IdempotencyRecord.class, id))
        .chain(
            found -> {
              if (found != null && !expired(found)) {
                return Uni.createFrom().item(replay(found, hash, type));
              }
              Uni<Void> clearExpired =
                  found == null
                      ? Uni.createFrom().voidItem()
                      : Panache.getSession().chain(s -> s.remove(found)).call(Panache::flush);
              return clearExpired
                  .chain(action::get)
                  .call(
                      result -> {
                        IdempotencyRecord r = new IdempotencyRecord();
                        r.id = id;
                        r.requestHash = hash;
                        r.responseStatus = 201;
                        r.responseBody = write(result);
                        r.createdAt = clock.instant();
                        return Panache.getSession().chain(s -> s.persist(r)).call(Panache::flush);
                      });
            });
  }

  @WithTransaction
  <T> Uni<T> replayOnly(CurrentUser user, String key, String hash, Class<T> type) {
    return Panache.getSession()
        .chain(s -> s.find(IdempotencyRecord.class, new IdempotencyRecord.Key(user.id(), key)))
        .map(
            found -> {
              if (found == null) {
                throw ApiException.conflict(
                    "idempotency_key_in_use", "A request with this key is in progress; retry.");
              }
              return replay(found, hash, type);
            });
  }

  private boolean expired(IdempotencyRecord r) {
    return r.createdAt.plus(config.idempotency().retention()).isBefore(clock.instant());
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
