package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.connector.kit.inbox.ProcessOutcome.Kind;
import io.timetracker.contracts.client.CoreAccessDeniedException;
import io.timetracker.contracts.client.CoreConflictException;
import io.timetracker.contracts.client.CoreNotFoundException;
import io.timetracker.contracts.client.CoreProblemException;
import io.timetracker.contracts.client.CoreUnavailableException;
import io.timetracker.contracts.client.TimerAlreadyRunningException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a failed attempt means, decided once for every connector. */
class OutcomeClassifierTest {

  @ParameterizedTest
  @ValueSource(strings = {"concurrent_upsert", "concurrent_update", "idempotency_key_in_use"})
  void retriesTheCoresRetryConflicts(String code) {
    assertThat(OutcomeClassifier.classify(new CoreConflictException(code, "retry")).kind())
        .isEqualTo(Kind.RETRY);
  }

  @Test
  void otherConflictsAreDead() {
    assertThat(OutcomeClassifier.classify(new CoreConflictException("stale_version", null)).kind())
        .isEqualTo(Kind.DEAD);
    assertThat(OutcomeClassifier.classify(new TimerAlreadyRunningException(null)).kind())
        .isEqualTo(Kind.DEAD);
  }

  @Test
  void finalClientErrorsAreDead() {
    assertThat(OutcomeClassifier.classify(new CoreNotFoundException("not_found", null)).kind())
        .isEqualTo(Kind.DEAD);
    assertThat(
            OutcomeClassifier.classify(new CoreProblemException(422, "validation_failed", null))
                .kind())
        .isEqualTo(Kind.DEAD);
    assertThat(
            OutcomeClassifier.classify(new CoreAccessDeniedException(403, "forbidden", null))
                .kind())
        .isEqualTo(Kind.DEAD);
  }

  @Test
  void unavailableRateLimitedAndOwnCredentialProblemsAreRetried() {
    assertThat(
            OutcomeClassifier.classify(new CoreUnavailableException(503, "unavailable", null, null))
                .kind())
        .isEqualTo(Kind.RETRY);
    assertThat(
            OutcomeClassifier.classify(
                    new CoreUnavailableException(429, "rate_limited", null, null))
                .kind())
        .isEqualTo(Kind.RETRY);
    assertThat(
            OutcomeClassifier.classify(new CoreAccessDeniedException(401, "unauthorized", null))
                .kind())
        .isEqualTo(Kind.RETRY);
  }

  @Test
  void ioErrorsAndTimeoutsAreRetried() {
    assertThat(OutcomeClassifier.classify(new IOException("connection reset")).kind())
        .isEqualTo(Kind.RETRY);
    assertThat(OutcomeClassifier.classify(new TimeoutException()).kind()).isEqualTo(Kind.RETRY);
  }

  @Test
  void anUnprocessableDeliveryIsDeadWithItsReasonOnly() {
    ProcessOutcome outcome =
        OutcomeClassifier.classify(new UnprocessableDelivery("default project not set"));

    assertThat(outcome.kind()).isEqualTo(Kind.DEAD);
    assertThat(outcome.reason()).isEqualTo("default project not set");
  }
}
