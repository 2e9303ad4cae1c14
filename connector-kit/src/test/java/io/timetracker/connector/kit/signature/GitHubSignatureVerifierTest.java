package io.timetracker.connector.kit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubSignatureVerifierTest {

  // GitHub's documented test values ("Validating webhook deliveries")
  private static final String DOC_SECRET = "It's a Secret to Everybody";
  private static final byte[] DOC_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String DOC_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private final GitHubSignatureVerifier verifier = new GitHubSignatureVerifier();

  @Test
  void acceptsGitHubsDocumentedTestVector() {
    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, DOC_SIGNATURE))
        .isEqualTo(SignatureCheck.ok());
  }

  @Test
  void signProducesGitHubsDocumentedSignature() {
    assertThat(GitHubSignatureVerifier.sign(DOC_SECRET, "Hello, World!")).isEqualTo(DOC_SIGNATURE);
  }

  @Test
  void rejectsSignatureMadeWithAnotherSecret() {
    String signature = GitHubSignatureVerifier.sign("another secret", DOC_PAYLOAD);

    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, signature).failure())
        .isEqualTo(SignatureFailure.MISMATCH);
  }

  @Test
  void rejectsChangedBody() {
    byte[] changed = "Hello, World?".getBytes(StandardCharsets.UTF_8);

    assertThat(verifier.verify(DOC_SECRET, changed, DOC_SIGNATURE).failure())
        .isEqualTo(SignatureFailure.MISMATCH);
  }

  @Test
  void acceptsUpperCaseHexDigits() {
    String upper = "sha256=" + DOC_SIGNATURE.substring(7).toUpperCase();

    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, upper).valid()).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void rejectsMissingSignatureAsMissing(String header) {
    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, header).failure())
        .isEqualTo(SignatureFailure.MISSING_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "v0=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
      })
  void rejectsSignatureWithoutSha256PrefixAsMissingPrefix(String header) {
    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, header).failure())
        .isEqualTo(SignatureFailure.MISSING_PREFIX);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256=",
        "sha256=757107",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17aa",
        "sha256=z57107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256= 757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1"
      })
  void rejectsMalformedHexAsMalformed(String header) {
    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, header).failure())
        .isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejectsEverythingWithoutASecret(String secret) {
    assertThat(verifier.verify(secret, DOC_PAYLOAD, DOC_SIGNATURE).failure())
        .isEqualTo(SignatureFailure.MISSING_SECRET);
  }

  @ParameterizedTest
  @CsvSource({"X-Hub-Signature-256", "x-hub-signature-256", "X-HUB-SIGNATURE-256"})
  void readsTheSignatureHeaderInAnyCase(String headerName) {
    Headers headers = Headers.ofSingle(Map.of(headerName, DOC_SIGNATURE));

    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, headers).valid()).isTrue();
  }

  @Test
  void treatsAbsentHeadersAsMissingSignature() {
    assertThat(verifier.verify(DOC_SECRET, DOC_PAYLOAD, Headers.empty()).failure())
        .isEqualTo(SignatureFailure.MISSING_SIGNATURE);
  }

  @Test
  void verifiesAnEmptyBodyInsteadOfThrowingOnNull() {
    String signature = GitHubSignatureVerifier.sign(DOC_SECRET, new byte[0]);

    assertThat(verifier.verify(DOC_SECRET, null, signature).valid()).isTrue();
  }
}
