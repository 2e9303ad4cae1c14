package io.timetracker.timer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.junit.jupiter.api.Test;

/** Which rows a round publishes, parks or keeps pending, and when the broker counts as down. */
class OutboxRoundTest {
  private static final int MAX_ATTEMPTS = 3;

  @Test
  void parksARejectedRowAtOnceAndPublishesTheLaterRowsOfItsKey() {
    OutboxRound round =
        OutboxRound.of(
            List.of(
                acked(row(1, "a", 0)),
                failed(row(2, "a", 0), new RecordTooLargeException("too large")),
                acked(row(3, "a", 0))),
            MAX_ATTEMPTS);

    assertThat(round.parked()).extracting(p -> p.row().id()).containsExactly(2L);
    assertThat(round.published()).extracting(OutboxRecord::id).containsExactly(1L, 3L);
    assertThat(round.failed()).isEmpty();
    assertThat(round.brokerDown()).isFalse();
  }

  @Test
  void parksARejectedRowEvenWhenItIsTheOnlyOne() {
    OutboxRound round =
        OutboxRound.of(
            List.of(failed(row(1, "a", 0), new RecordTooLargeException("too large"))),
            MAX_ATTEMPTS);

    assertThat(round.parked()).hasSize(1);
    assertThat(round.brokerDown()).isFalse();
  }

  @Test
  void blamesNoRowWhileTheBrokerIsUnreachable() {
    OutboxRound round =
        OutboxRound.of(
            List.of(
                failed(row(1, "a", MAX_ATTEMPTS + 7), new TimeoutException("expired")),
                failed(row(2, "b", 0), new NetworkException("gone")),
                notSent(row(3, "c", 0))),
            MAX_ATTEMPTS);

    assertThat(round.brokerDown()).isTrue();
    assertThat(round.parked()).isEmpty();
    assertThat(round.published()).isEmpty();
    assertThat(round.failed()).allMatch(f -> !f.counted());
  }

  @Test
  void countsAFailureWhileOtherRowsGetThroughAndKeepsItsKeyWaiting() {
    OutboxRound round =
        OutboxRound.of(
            List.of(
                failed(row(1, "a", 0), new UnknownServerException("odd")),
                acked(row(2, "a", 0)),
                acked(row(3, "b", 0))),
            MAX_ATTEMPTS);

    assertThat(round.brokerDown()).isFalse();
    assertThat(round.failed()).singleElement().matches(OutboxRound.Failed::counted);
    assertThat(round.published()).extracting(OutboxRecord::id).containsExactly(3L);
  }

  @Test
  void parksARowOnItsLastAllowedFailure() {
    OutboxRound round =
        OutboxRound.of(
            List.of(
                failed(row(1, "a", MAX_ATTEMPTS - 1), new UnknownServerException("odd")),
                acked(row(2, "a", 0))),
            MAX_ATTEMPTS);

    assertThat(round.parked()).extracting(p -> p.row().id()).containsExactly(1L);
    assertThat(round.published()).extracting(OutboxRecord::id).containsExactly(2L);
  }

  @Test
  void aFailureBehindAnEarlierFailureOfItsKeyIsNotCountedAgainstIt() {
    OutboxRound round =
        OutboxRound.of(
            List.of(
                failed(row(1, "a", 0), new UnknownServerException("odd")),
                failed(row(2, "a", MAX_ATTEMPTS - 1), new UnknownServerException("behind")),
                acked(row(3, "b", 0))),
            MAX_ATTEMPTS);

    assertThat(round.parked()).isEmpty();
    assertThat(round.failed())
        .extracting(f -> f.row().id() + ":" + f.counted())
        .containsExactly("1:true", "2:false");
  }

  @Test
  void rowsAcknowledgedInAnEarlierRoundDoNotMakeTheBrokerLookReachable() {
    OutboxRound round =
        OutboxRound.of(
            List.of(
                OutboxSender.Attempt.acknowledgedEarlier(row(1, "a", 0)),
                failed(row(2, "b", MAX_ATTEMPTS + 7), new TimeoutException("expired"))),
            MAX_ATTEMPTS);

    assertThat(round.brokerDown()).isTrue();
    assertThat(round.published()).extracting(OutboxRecord::id).containsExactly(1L);
    assertThat(round.parked()).isEmpty();
    assertThat(round.failed()).allMatch(f -> !f.counted());
  }

  @Test
  void aRoundOfRowsAcknowledgedEarlierOnlyIsNoOutage() {
    OutboxRound round =
        OutboxRound.of(
            List.of(OutboxSender.Attempt.acknowledgedEarlier(row(1, "a", 0))), MAX_ATTEMPTS);

    assertThat(round.brokerDown()).isFalse();
    assertThat(round.published()).extracting(OutboxRecord::id).containsExactly(1L);
  }

  private static OutboxSender.Attempt acked(OutboxRecord row) {
    return new OutboxSender.Attempt(row, null, true);
  }

  private static OutboxSender.Attempt failed(OutboxRecord row, Exception e) {
    return new OutboxSender.Attempt(row, PublishFailure.of(e), true);
  }

  private static OutboxSender.Attempt notSent(OutboxRecord row) {
    return new OutboxSender.Attempt(row, null, false);
  }

  private static OutboxRecord row(long id, String key, int failures) {
    return new OutboxRecord(
        id,
        UUID.randomUUID(),
        "tt.time-entries.v1",
        key,
        "timetracker.time-entry.created.v1",
        "/timer-service",
        "time-entries/" + id,
        Instant.parse("2026-03-01T10:00:00Z"),
        null,
        "{}",
        failures);
  }
}
