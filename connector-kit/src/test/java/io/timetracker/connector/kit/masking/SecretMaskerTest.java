package io.timetracker.connector.kit.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskerTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "token ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789 rejected | token ghp_…6789 rejected",
        "gho_16charsAAAAAAAAAAAAAAwxyz | gho_…wxyz",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzAB | github_pat_…yzAB",
        "bot xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx ok | bot xoxb-…UvWx ok",
        "xoxp-short-tok | xoxp-…",
        "app xapp-1-A0123456789-1234567890123-abcdef0123456789 | app xapp-…6789",
        "google ya29.a0AfH6SMBx-abcdefghijklmnopqrstuvwxyz | google ya29.…wxyz",
        "refresh 1//0gAbCdEfGhIjKlMnOpQrStUvWxYz | refresh 1//…WxYz",
        "stored enc:v1:123456:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRob | stored enc:v1:123456:…GRob",
        "Authorization: Bearer abc.def-ghi_jklmnopqrstu | Authorization: Bearer …rstu",
        "authorization=token 0123456789abcdef0123 | authorization=token …0123",
        "header bearer sk_live_0123456789abcdefghij | header bearer …ghij",
        "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX | https://hooks.slack.com/services/…XXXX",
        "?client_secret=GOCSPX-abcdefghijkl&x=1 | ?client_secret=GOCSPX-…&x=1",
        "?client_secret=abcd1234efgh&x=1 | ?client_secret=…&x=1",
        "{\"access_token\": \"opaque-value-1234\"} | {\"access_token\": \"…1234\"}",
        "password=hunter2 | password=…"
      })
  void masksKnownCredentialShapes(String text, String expected) {
    assertThat(SecretMasker.mask(text)).isEqualTo(expected);
  }

  @Test
  void masksAJwtKeepingOnlyItsHeaderMarker() {
    String jwt =
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjE3MDB9.c2lnbmF0dXJlLXZhbHVlLWhlcmU";

    assertThat(SecretMasker.mask("id " + jwt)).isEqualTo("id eyJ…lcmU").doesNotContain("eyJzdWIi");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Timer started for project 42",
        "GitHub returned HTTP 404 for octocat/hello-world#12",
        "delivery 72d3162e-cc78-11e3-81ab-4c9367dc0958 stored",
        "xoxb-",
        "ghp_ too short",
        "enc:v1: malformed"
      })
  void leavesOrdinaryTextAlone(String text) {
    assertThat(SecretMasker.mask(text)).isEqualTo(text);
  }

  @Test
  void masksEveryOccurrence() {
    String text = "a=xoxb-" + "aaaaaaaaaaaaaaaaaaaa1111 b=xoxb-" + "bbbbbbbbbbbbbbbbbbbb2222";

    assertThat(SecretMasker.mask(text)).isEqualTo("a=xoxb-…1111 b=xoxb-…2222");
  }

  @Test
  void masksOneKnownTokenKeepingItsPrefix() {
    assertThat(SecretMasker.maskToken("xoxb-" + "1234567890-abcdefghijkl")).isEqualTo("xoxb-…ijkl");
    assertThat(SecretMasker.maskToken("ghp_short")).isEqualTo("ghp_…");
    assertThat(SecretMasker.maskToken("some-opaque-secret-value")).isEqualTo("…alue");
    assertThat(SecretMasker.maskToken("")).isEqualTo("(empty)");
    assertThat(SecretMasker.maskToken(null)).isEqualTo("(empty)");
  }

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(SecretMasker.mask(null)).isNull();
    assertThat(SecretMasker.mask("")).isEmpty();
  }

  @Test
  void errorTextIsMaskedAndBounded() {
    String text =
        ErrorText.of(new IllegalStateException("401 for xoxb-" + "1234567890-abcdefghijkl"));

    assertThat(text).isEqualTo("IllegalStateException: 401 for xoxb-…ijkl");
    assertThat(ErrorText.of("x".repeat(5000))).hasSize(ErrorText.MAX_LENGTH);
  }
}
