package io.timetracker.connector.kit.inbox;

import io.timetracker.connector.kit.masking.ErrorText;
import io.timetracker.contracts.client.CoreProblemException;
import java.util.Set;

/**
 * The one place that decides what a failed attempt means. Dead: {@link UnprocessableDelivery} and
 * final 4xx answers of the core. Retried with backoff: 429 and 5xx, I/O errors and timeouts, 401
 * (our own credentials, fixed in configuration without touching the delivery), and the core's 409
 * answers that mean "a concurrent request won, try again".
 */
public final class OutcomeClassifier {

  /** 409 problem codes of the core that ask the caller to retry. */
  public static final Set<String> RETRYABLE_CONFLICTS =
      Set.of("concurrent_upsert", "concurrent_update", "idempotency_key_in_use");

  private OutcomeClassifier() {}

  /** The outcome of an attempt that failed with {@code failure}. */
  public static ProcessOutcome classify(Throwable failure) {
    if (failure instanceof UnprocessableDelivery) {
      return ProcessOutcome.dead(ErrorText.of(failure.getMessage()));
    }
    String reason = ErrorText.of(failure);
    if (failure instanceof CoreProblemException problem) {
      return retryable(problem) ? ProcessOutcome.retry(reason) : ProcessOutcome.dead(reason);
    }
    return ProcessOutcome.retry(reason);
  }

  private static boolean retryable(CoreProblemException problem) {
    return problem.isRetryable()
        || problem.status() == 401
        || problem.status() == 408
        || (problem.status() == 409 && RETRYABLE_CONFLICTS.contains(problem.code()));
  }
}
