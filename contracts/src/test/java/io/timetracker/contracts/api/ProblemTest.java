package io.timetracker.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void frameworkErrorsGetStableCodesAndReasonPhrases() {
    assertThat(Problem.codeFor(404)).isEqualTo("not_found");
    assertThat(Problem.codeFor(413)).isEqualTo("payload_too_large");
    assertThat(Problem.codeFor(415)).isEqualTo("unsupported_media_type");
    assertThat(Problem.codeFor(409)).isEqualTo("bad_request");
    assertThat(Problem.codeFor(503)).isEqualTo("internal_error");
    assertThat(Problem.titleFor(405)).isEqualTo("Method Not Allowed");
    assertThat(Problem.titleFor(499)).isEqualTo("Client error");
  }
}
