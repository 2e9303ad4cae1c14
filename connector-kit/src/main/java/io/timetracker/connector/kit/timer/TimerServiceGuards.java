package io.timetracker.connector.kit.timer;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.client.CoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One SmallRye Fault Tolerance guard per timer-service operation (timeout, retry with exponential
 * backoff and jitter, circuit breaker named {@code timer-service-<operation>}), built from {@link
 * TimerServiceConfig} the first time the operation is called.
 */
@ApplicationScoped
public class TimerServiceGuards {

  private final TimerServiceConfig config;
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();

  /** From configuration. */
  public TimerServiceGuards(TimerServiceConfig config) {
    this.config = config;
  }

  /** Whether a failure may go away on its own: 5xx, 429, I/O, timeout. A 4xx never does. */
  public static boolean transientFailure(Throwable failure) {
    return failure instanceof CoreUnavailableException
        || failure instanceof ProcessingException
        || failure instanceof IOException
        || failure instanceof TimeoutException;
  }

  /** Runs one call of {@code operation} under its guard. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> Uni<T> guarded(String operation, Supplier<Uni<T>> call) {
    Guard guard = guards.computeIfAbsent(operation, this::build);
    return (Uni<T>) guard.get((Supplier) call, Uni.class);
  }

  private Guard build(String operation) {
    TimerServiceConfig.Operation own = config.operations().get(operation);
    TimerServiceConfig.Retry retry = config.retry();
    TimerServiceConfig.Breaker breaker = config.breaker();
    return Guard.create()
        .withDescription(TimerService.BREAKER_PREFIX + operation)
        .withTimeout()
        .duration(
            (own == null ? config.timeout() : own.timeout().orElse(config.timeout())).toMillis(),
            ChronoUnit.MILLIS)
        .done()
        .withRetry()
        .maxRetries(own == null ? retry.maxRetries() : own.maxRetries().orElse(retry.maxRetries()))
        .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
        .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
        .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
        .whenException(TimerServiceGuards::transientFailure)
        .withExponentialBackoff()
        .maxDelay(retry.maxDelay().toMillis(), ChronoUnit.MILLIS)
        .done()
        .done()
        .withCircuitBreaker()
        .name(TimerService.BREAKER_PREFIX + operation)
        .requestVolumeThreshold(
            own == null
                ? breaker.requestVolume()
                : own.breakerRequestVolume().orElse(breaker.requestVolume()))
        .failureRatio(
            own == null
                ? breaker.failureRatio()
                : own.breakerFailureRatio().orElse(breaker.failureRatio()))
        .delay(
            (own == null ? breaker.delay() : own.breakerDelay().orElse(breaker.delay())).toMillis(),
            ChronoUnit.MILLIS)
        .successThreshold(
            own == null
                ? breaker.successThreshold()
                : own.breakerSuccessThreshold().orElse(breaker.successThreshold()))
        .when(TimerServiceGuards::transientFailure)
        .done()
        .build();
  }
}
