package io.timetracker.connector.kit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SlackSignatureVerifierTest {

  // Slack's documented example ("Verifying requests from Slack")
  private static final String DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final long DOC_TIMESTAMP = 1531420618L;
  private static final byte[] DOC_BODY =
      ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
              + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA"
              + "&user_name=roadrunner&command=%2Fwebhook-collect&text="
              + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
              + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
              + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
          .getBytes(StandardCharsets.UTF_8);
  private static final String DOC_SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private static SlackSignatureVerifier at(long epochSecond) {
    return new SlackSignatureVerifier(
        Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private final SlackSignatureVerifier verifier = at(DOC_TIMESTAMP);

  @Test
  void acceptsSlacksDocumentedExample() {
    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, Long.toString(DOC_TIMESTAMP), DOC_SIGNATURE))
        .isEqualTo(SignatureCheck.ok());
  }

  @Test
  void signProducesSlacksDocumentedSignature() {
    assertThat(SlackSignatureVerifier.sign(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY))
        .isEqualTo(DOC_SIGNATURE);
  }

  @Test
  void acceptsTimestampExactlyFiveMinutesOld() {
    assertThat(at(DOC_TIMESTAMP + 300).verify(DOC_SECRET, DOC_BODY, "1531420618", DOC_SIGNATURE))
        .isEqualTo(SignatureCheck.ok());
  }

  @Test
  void rejectsStaleSlackSignature() {
    // spec SL-1: 301 s old → 401
    assertThat(
            at(DOC_TIMESTAMP + 301)
                .verify(DOC_SECRET, DOC_BODY, "1531420618", DOC_SIGNATURE)
                .failure())
        .isEqualTo(SignatureFailure.STALE_TIMESTAMP);
  }

  @Test
  void acceptsTimestampExactlyFiveMinutesAhead() {
    assertThat(at(DOC_TIMESTAMP - 300).verify(DOC_SECRET, DOC_BODY, "1531420618", DOC_SIGNATURE))
        .isEqualTo(SignatureCheck.ok());
  }

  @Test
  void rejectsTimestampMoreThanFiveMinutesInTheFuture() {
    assertThat(
            at(DOC_TIMESTAMP - 301)
                .verify(DOC_SECRET, DOC_BODY, "1531420618", DOC_SIGNATURE)
                .failure())
        .isEqualTo(SignatureFailure.FUTURE_TIMESTAMP);
  }

  @Test
  void rejectsSignatureOverAnotherTimestamp() {
    String signature = SlackSignatureVerifier.sign(DOC_SECRET, DOC_TIMESTAMP + 1, DOC_BODY);

    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, "1531420618", signature).failure())
        .isEqualTo(SignatureFailure.MISMATCH);
  }

  @Test
  void rejectsWrongSigningSecret() {
    assertThat(verifier.verify("not-the-secret", DOC_BODY, "1531420618", DOC_SIGNATURE).failure())
        .isEqualTo(SignatureFailure.MISMATCH);
  }

  @Test
  void readsBothHeadersInAnyCase() {
    Headers headers =
        Headers.ofSingle(
            Map.of("x-slack-request-timestamp", "1531420618", "X-SLACK-SIGNATURE", DOC_SIGNATURE));

    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, headers).valid()).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void rejectsMissingTimestamp(String timestamp) {
    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, timestamp, DOC_SIGNATURE).failure())
        .isEqualTo(SignatureFailure.MISSING_TIMESTAMP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "-1531420618",
        "+1531420618",
        "1531420618.5",
        "1e9",
        "99999999999999999999"
      })
  void rejectsMalformedTimestamp(String timestamp) {
    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, timestamp, DOC_SIGNATURE).failure())
        .isEqualTo(SignatureFailure.MALFORMED_TIMESTAMP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
        "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
        "sha256=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
      })
  void rejectsSignatureWithoutV0PrefixAsMissingPrefix(String signature) {
    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, "1531420618", signature).failure())
        .isEqualTo(SignatureFailure.MISSING_PREFIX);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v0=",
        "v0=a2114d",
        "v0=g2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
      })
  void rejectsMalformedSignature(String signature) {
    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, "1531420618", signature).failure())
        .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
  }

  @Test
  void rejectsMissingSignature() {
    assertThat(verifier.verify(DOC_SECRET, DOC_BODY, "1531420618", null).failure())
        .isEqualTo(SignatureFailure.MISSING_SIGNATURE);
  }

  @Test
  void rejectsEverythingWithoutASigningSecret() {
    assertThat(verifier.verify("", DOC_BODY, "1531420618", DOC_SIGNATURE).failure())
        .isEqualTo(SignatureFailure.MISSING_SECRET);
  }
}
