package io.timetracker.connector.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailClosedTest {

  private final SecretCipher noKey = new SecretCipher(Optional.empty());

  @Test
  void withoutAKeysetRefusesToEncrypt() {
    assertThatThrownBy(() -> noKey.encrypt("xoxb-secret", "ctx"))
        .isInstanceOf(EncryptionUnavailableException.class)
        .hasMessage("no encryption key configured");
  }

  @Test
  void withoutAKeysetReportsNotReadyWithTheReason() {
    assertThat(noKey.isReady()).isFalse();
    assertThat(noKey.status())
        .isEqualTo(new CipherStatus(false, "no encryption key configured", null, 0));
  }

  @Test
  void blankKeysetCountsAsNoKey() {
    assertThat(new SecretCipher(Optional.of("  ")).status().reason())
        .isEqualTo(CipherStatus.NO_KEY);
  }

  @Test
  void withoutAKeysetCannotReadEncryptedValuesEither() {
    String stored = new SecretCipher(Optional.of(Keysets.generate())).encrypt("token", "ctx");

    assertThatThrownBy(() -> noKey.decrypt(stored, "ctx"))
        .isInstanceOf(EncryptionUnavailableException.class);
  }

  @Test
  void withoutAKeysetAnUnencryptedValueIsStillRefused() {
    assertThatThrownBy(() -> noKey.reEncrypt("plain-token", "ctx"))
        .isInstanceOf(UnencryptedSecretException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{}", "{\"primaryKeyId\": 1, \"key\": []}"})
  void anInvalidKeysetIsNotReadyAndNeverThrowsAtStartup(String keyset) {
    SecretCipher cipher = new SecretCipher(Optional.of(keyset));

    assertThat(cipher.status().ready()).isFalse();
    assertThat(cipher.status().reason()).isEqualTo(CipherStatus.INVALID_KEY);
    assertThatThrownBy(() -> cipher.encrypt("token", null))
        .isInstanceOf(EncryptionUnavailableException.class);
  }

  @Test
  void aKeysetWhosePrimaryIsNotAes256GcmIsRejected() throws Exception {
    String aes128 =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM),
            InsecureSecretKeyAccess.get());

    assertThat(new SecretCipher(Optional.of(aes128)).status().reason())
        .isEqualTo(CipherStatus.INVALID_KEY);
  }

  @Test
  void aValidKeysetReportsItsPrimaryKey() {
    String keyset = Keysets.generate();

    CipherStatus status = new SecretCipher(Optional.of(keyset)).status();

    assertThat(status.ready()).isTrue();
    assertThat(status.reason()).isNull();
    assertThat(status.primaryKeyId()).isEqualTo(Keysets.primaryKeyId(keyset));
    assertThat(status.keyCount()).isEqualTo(1);
  }
}
