package io.timetracker.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  record Sample(int count) {}

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

  @Test
  void typeIsTheRelativeDefaultBaseFollowedByTheCode() {
    Problem p = Problem.of(409, "timer_already_running", "A timer is running.");

    assertThat(p.type()).isEqualTo("/problems/timer_already_running");
    assertThat(p.title()).isEqualTo("Conflict");
    assertThat(p.code()).isEqualTo("timer_already_running");
    assertThat(p.status()).isEqualTo(409);
  }

  @Test
  void notJsonAtAllIsMalformedJson() {
    JsonProcessingException e = parseError("{\"count\":");

    Problem p = Problem.ofJsonError(e);

    assertThat(p.code()).isEqualTo("malformed_json");
    assertThat(p.title()).isEqualTo("Malformed JSON");
    assertThat(p.status()).isEqualTo(400);
    assertThat(p).isEqualTo(Problem.malformedJson());
  }

  @Test
  void aWrongTypeNamesTheField() {
    Problem p = Problem.ofJsonError(parseError("{\"count\":\"many\"}"));

    assertThat(p.code()).isEqualTo("validation_failed");
    assertThat(p.errors())
        .containsExactly(new Problem.FieldError("count", "has the wrong type or format"));
    assertThat(p.detail()).isEqualTo("count: has the wrong type or format");
  }

  @Test
  void fieldErrorsAreSortedAndJoined() {
    Problem p =
        Problem.invalid(
            List.of(new Problem.FieldError("to", "bad"), new Problem.FieldError("from", "worse")));

    assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("from", "to");
    assertThat(p.detail()).isEqualTo("from: worse; to: bad");
    assertThat(p.title()).isEqualTo("Invalid request");
  }

  private static JsonProcessingException parseError(String json) {
    try {
      new ObjectMapper().readValue(json, Sample.class);
      throw new AssertionError("expected a parse error for " + json);
    } catch (JsonProcessingException e) {
      return e;
    }
  }
}
