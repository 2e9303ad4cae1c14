package io.timetracker.connector.kit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives in the headers and body, verification answers with a clean reject. */
class SignatureFuzzTest {

  private static final long NOW = 1_700_000_000L;
  private final GitHubSignatureVerifier github = new GitHubSignatureVerifier();
  private final SlackSignatureVerifier slack =
      new SlackSignatureVerifier(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  @Provide
  Arbitrary<String> headerValues() {
    Arbitrary<String> any = Arbitraries.strings().ofMaxLength(120);
    Arbitrary<String> hexish =
        Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz= ").ofMaxLength(80);
    return Arbitraries.oneOf(
        any,
        hexish,
        hexish.map(s -> "sha256=" + s),
        hexish.map(s -> "v0=" + s),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<String> timestamps() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.longs().between(NOW - 300, NOW + 300).map(String::valueOf),
        Arbitraries.just(null));
  }

  @Property(tries = 500)
  void gitHubNeverThrowsAndNeverAcceptsGarbage(
      @ForAll("headerValues") String signature, @ForAll byte[] body) {
    SignatureCheck check = github.verify("secret", body, signature);

    assertThat(check.valid()).isFalse();
    assertThat(check.failure()).isNotNull();
  }

  @Property(tries = 500)
  void slackNeverThrowsAndNeverAcceptsGarbage(
      @ForAll("headerValues") String signature,
      @ForAll("timestamps") String timestamp,
      @ForAll byte[] body) {
    SignatureCheck check = slack.verify("secret", body, timestamp, signature);

    assertThat(check.valid()).isFalse();
    assertThat(check.failure()).isNotNull();
  }

  @Property(tries = 200)
  void gitHubAcceptsExactlyWhatItSigned(@ForAll byte[] body) {
    assertThat(github.verify("s3cret", body, GitHubSignatureVerifier.sign("s3cret", body)).valid())
        .isTrue();
  }
}
