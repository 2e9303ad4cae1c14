package io.timetracker.connector.gcal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Google's per-user quota on the fake: each user (bearer token) may make one call per {@link
 * #windowMillis()}; a call sooner is refused the way Calendar API v3 refuses it — 429 {@code
 * rateLimitExceeded} with {@code Retry-After} for half of the users, 403 {@code rateLimitExceeded}
 * (no Retry-After: exponential backoff) for the other half, both with Google's documented error
 * JSON. A call made while its user was told to wait by a Retry-After is counted as {@link
 * #early()}. Only stubs that name the transformer ({@value #NAME}) are limited.
 */
public class PerUserRateLimit implements ResponseDefinitionTransformerV2 {

  /** The transformer name to put on a stub. */
  public static final String NAME = "per-user-rate-limit";

  private static final String ERROR =
      "{\"error\":{\"errors\":[{\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\","
          + "\"message\":\"Rate Limit Exceeded\"}],\"code\":%d,\"message\":\"Rate Limit"
          + " Exceeded\"}}";

  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final AtomicLong early = new AtomicLong();
  private volatile long windowMillis = 1000;

  /** One user's budget: the last call it was granted, and until when it was told to wait. */
  private static final class User {
    long granted = Long.MIN_VALUE / 2;
    long waitUntil = Long.MIN_VALUE / 2;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    String user = String.valueOf(event.getRequest().getHeader("Authorization"));
    User budget = users.computeIfAbsent(user, u -> new User());
    synchronized (budget) {
      long now = System.currentTimeMillis();
      if (now < budget.waitUntil) {
        early.incrementAndGet();
      }
      long free = budget.granted + windowMillis;
      if (now >= free) {
        budget.granted = now;
        return event.getResponseDefinition();
      }
      if (Math.floorMod(user.hashCode(), 2) == 0) {
        long seconds = Math.max(1, (free - now + 999) / 1000);
        budget.waitUntil = now + seconds * 1000;
        return refused(429).withHeader("Retry-After", Long.toString(seconds)).build();
      }
      return refused(403).build();
    }
  }

  private static ResponseDefinitionBuilder refused(int status) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(String.format(ERROR, status));
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** Calls a user made before the Retry-After it was given had passed. */
  public long early() {
    return early.get();
  }

  /** The per-user budget: one call per this many milliseconds. */
  public long windowMillis() {
    return windowMillis;
  }

  /** Forgets all users and sets the budget to one call per {@code millis}. */
  public void reset(long millis) {
    users.clear();
    early.set(0);
    windowMillis = millis;
  }
}
