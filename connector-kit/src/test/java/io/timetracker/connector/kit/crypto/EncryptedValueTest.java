package io.timetracker.connector.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptedValueTest {

  @Test
  void parsesKeyIdAndCiphertext() {
    EncryptedValue value = EncryptedValue.parse("enc:v1:4294967295:AQID");

    assertThat(value.keyId()).isEqualTo(-1);
    assertThat(value.ciphertext()).containsExactly(1, 2, 3);
    assertThat(EncryptedValue.keyIdOf("enc:v1:4294967295:AQID")).isEqualTo("4294967295");
  }

  @Test
  void formatsKeyIdsUnsignedLikeTinkKeysets() {
    assertThat(new EncryptedValue(-1, new byte[] {1, 2, 3}).format())
        .isEqualTo("enc:v1:4294967295:AQID");
  }

  @Test
  void recognisesThePrefixOnly() {
    assertThat(EncryptedValue.isEncrypted("enc:v1:1:AQID")).isTrue();
    assertThat(EncryptedValue.isEncrypted("enc:v2:1:AQID")).isFalse();
    assertThat(EncryptedValue.isEncrypted("gAAAAABlegacyFernet")).isFalse();
    assertThat(EncryptedValue.isEncrypted(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "enc:v1:",
        "enc:v1:123",
        "enc:v1:123:",
        "enc:v1::AQID",
        "enc:v1:abc:AQID",
        "enc:v1:-5:AQID",
        "enc:v1:4294967296:AQID",
        "enc:v1:1:***",
        "plain"
      })
  void rejectsMalformedValuesWithATypedException(String stored) {
    assertThatThrownBy(() -> EncryptedValue.parse(stored))
        .isInstanceOf(SecretDecryptionException.class);
  }
}
