package io.timetracker.connector.kit.retry;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Retries a provider call the way providers ask for it: a failure that carries a server's {@code
 * Retry-After} waits exactly that long (capped), any other retryable failure waits the {@link
 * Backoff}; non-retryable failures and the last attempt's failure pass through unchanged. A failure
 * says what it is by implementing {@link Retryable}.
 */
public final class RetryAfter {

  private RetryAfter() {}

  /** A failure worth another attempt, with the wait the server asked for, if it asked. */
  public interface Retryable {
    /** The server's {@code Retry-After}, when given. */
    Optional<Duration> retryAfter();
  }

  /**
   * Calls {@code call} up to {@code maxAttempts} times.
   *
   * @param call one attempt (subscribed again for each attempt)
   * @param backoff waits when the server gave no Retry-After
   * @param maxAttempts attempts in all, at least 1
   * @param maxWait cap of any single wait (a Retry-After beyond it is shortened)
   */
  public static <T> Uni<T> call(
      Supplier<Uni<T>> call, Backoff backoff, int maxAttempts, Duration maxWait) {
    return attempt(call, backoff, Math.max(1, maxAttempts), maxWait, 1);
  }

  /**
   * Parses a {@code Retry-After} header value: delta-seconds or an HTTP date (relative to {@code
   * now}); empty when absent or unreadable.
   */
  public static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }

  private static <T> Uni<T> attempt(
      Supplier<Uni<T>> call, Backoff backoff, int maxAttempts, Duration maxWait, int attempt) {
    return Uni.createFrom()
        .deferred(call::get)
        .onFailure(f -> f instanceof Retryable && attempt < maxAttempts)
        .recoverWithUni(
            f ->
                Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(wait((Retryable) f, backoff, attempt, maxWait))
                    .chain(() -> attempt(call, backoff, maxAttempts, maxWait, attempt + 1)));
  }

  private static Duration wait(Retryable f, Backoff backoff, int attempt, Duration maxWait) {
    Duration wait = f.retryAfter().orElseGet(() -> backoff.delay(attempt));
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }
}
