package io.timetracker.connector.gcal;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google's per-user quota on the fake: each bearer token may make one call per {@code window}
 * milliseconds; a faster call gets Google's 429 {@code rateLimitExceeded} with {@code Retry-After:
 * 1}. Only stubs that name the transformer ({@value #NAME}) are limited.
 */
public class PerUserRateLimit implements ResponseDefinitionTransformerV2 {

  /** The transformer name to put on a stub. */
  public static final String NAME = "per-user-rate-limit";

  private static final long WINDOW_MS = 200;
  private final Map<String, Long> lastCall = new ConcurrentHashMap<>();

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    String user = event.getRequest().getHeader("Authorization");
    long now = System.currentTimeMillis();
    Long previous = lastCall.put(user, now);
    if (previous != null && now - previous < WINDOW_MS) {
      lastCall.put(user, previous);
      return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
          .withStatus(429)
          .withHeader("Retry-After", "1")
          .withHeader("Content-Type", "application/json")
          .withBody(
              "{\"error\":{\"code\":429,\"message\":\"Rate Limit Exceeded\",\"errors\":"
                  + "[{\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}]}}")
          .build();
    }
    return event.getResponseDefinition();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** Forgets all users. */
  public void reset() {
    lastCall.clear();
  }
}
