package io.timetracker.contracts.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CoreProblemsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  private static String problem(int status, String code) {
    return """
        {"type":"https://timetracker.io/problems/%s","title":"T","status":%d,
         "detail":"Said the core.","code":"%s"}"""
        .formatted(code, status, code);
  }

  @Test
  void timerAlreadyRunningBecomesItsOwnConflict() {
    var e = CoreProblems.from(409, problem(409, "timer_already_running"), null, CLOCK);

    assertThat(e).isInstanceOf(TimerAlreadyRunningException.class);
    assertThat(e.code()).isEqualTo("timer_already_running");
    assertThat(e.detail()).isEqualTo("Said the core.");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void otherConflictKeepsItsCode() {
    var e = CoreProblems.from(409, problem(409, "invalid_transition"), null, CLOCK);

    assertThat(e).isExactlyInstanceOf(CoreConflictException.class);
    assertThat(e.code()).isEqualTo("invalid_transition");
  }

  @Test
  void notFoundCarriesTheCoreCode() {
    var e = CoreProblems.from(404, problem(404, "no_active_timer"), null, CLOCK);

    assertThat(e).isInstanceOf(CoreNotFoundException.class);
    assertThat(e.code()).isEqualTo("no_active_timer");
  }

  @Test
  void forbiddenAndUnauthorizedAreAccessDenied() {
    assertThat(CoreProblems.from(403, problem(403, "forbidden"), null, CLOCK))
        .isInstanceOf(CoreAccessDeniedException.class);
    assertThat(CoreProblems.from(401, "", null, CLOCK))
        .isInstanceOf(CoreAccessDeniedException.class)
        .extracting(CoreProblemException::code)
        .isEqualTo("unauthorized");
  }

  @Test
  void serverErrorIsRetryableWithoutABody() {
    var e = CoreProblems.from(503, null, null, CLOCK);

    assertThat(e).isInstanceOf(CoreUnavailableException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.code()).isEqualTo("unavailable");
  }

  @Test
  void tooManyRequestsHonoursRetryAfterSeconds() {
    var e = (CoreUnavailableException) CoreProblems.from(429, null, "7", CLOCK);

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsHttpDateIsTheWaitUntilThen() {
    var e =
        (CoreUnavailableException)
            CoreProblems.from(503, null, "Mon, 02 Mar 2026 08:00:30 GMT", CLOCK);

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void htmlErrorPageKeepsOnlyTheStatus() {
    var e = CoreProblems.from(502, "<html>Bad gateway</html>", "soon", CLOCK);

    assertThat(e).isInstanceOf(CoreUnavailableException.class);
    assertThat(e.detail()).isNull();
    assertThat(((CoreUnavailableException) e).retryAfter()).isEmpty();
  }

  @Test
  void validationProblemIsAPlainFinalProblem() {
    var e = CoreProblems.from(400, problem(400, "validation_failed"), null, CLOCK);

    assertThat(e).isExactlyInstanceOf(CoreProblemException.class);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("validation_failed");
    assertThat(e).hasMessage("timer-service answered 400 validation_failed: Said the core.");
  }
}
