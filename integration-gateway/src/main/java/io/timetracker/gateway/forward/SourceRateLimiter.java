package io.timetracker.gateway.forward;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.timetracker.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Per-source token buckets (Bucket4j) for the forwarded routes: each route and source address has
 * its own bucket, so one noisy sender never slows another. Buckets of sources gone quiet are
 * dropped after ten minutes.
 */
@ApplicationScoped
public class SourceRateLimiter {

  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  /**
   * Takes one request from the source's bucket of the route.
   *
   * @return empty when allowed, else the seconds (at least 1) until the next request would be
   */
  public OptionalLong tryAcquire(String route, GatewayConfig.Route config, String source) {
    if (config.ratePerMinute() <= 0) {
      return OptionalLong.empty();
    }
    Bucket bucket = buckets.get(route + "|" + source, key -> newBucket(config));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    long nanos = probe.getNanosToWaitForRefill();
    return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }

  private static Bucket newBucket(GatewayConfig.Route config) {
    Bandwidth limit =
        Bandwidth.builder()
            .capacity(Math.max(1, config.burst()))
            .refillGreedy(config.ratePerMinute(), Duration.ofMinutes(1))
            .build();
    return Bucket.builder().addLimit(limit).build();
  }
}
