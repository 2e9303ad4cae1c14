package io.timetracker.connector.kit.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PkceTest {

  @Test
  void challengeMatchesTheRfc7636Example() {
    assertThat(Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void generatedVerifierIsUrlSafeAndLongEnough() {
    Pkce pkce = Pkce.generate();

    assertThat(pkce.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(pkce.challenge()).isEqualTo(Pkce.s256(pkce.verifier()));
    assertThat(Pkce.generate().verifier()).isNotEqualTo(pkce.verifier());
  }

  @Test
  void refusesAChallengeOfAnotherVerifier() {
    assertThatThrownBy(() -> new Pkce("a".repeat(43), Pkce.s256("b".repeat(43))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringHidesTheVerifier() {
    Pkce pkce = Pkce.generate();

    assertThat(pkce.toString()).doesNotContain(pkce.verifier());
  }
}
