package io.timetracker.connector.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private static final String CONTEXT = "github_connection:42:webhook_secret";
  private static final String KEYSET_A = Keysets.generate();

  private final SecretCipher cipher = new SecretCipher(Optional.of(KEYSET_A));

  @Test
  void roundTripsUnderThePrimaryKey() {
    String stored = cipher.encrypt("ghp_" + "0123456789abcdefghijABCDEFGHIJ012345", CONTEXT);

    assertThat(stored).startsWith("enc:v1:" + Keysets.primaryKeyId(KEYSET_A) + ":");
    DecryptedSecret secret = cipher.decrypt(stored, CONTEXT);
    assertThat(secret.value()).isEqualTo("ghp_" + "0123456789abcdefghijABCDEFGHIJ012345");
    assertThat(secret.origin()).isEqualTo(SecretOrigin.CURRENT_KEY);
    assertThat(secret.needsReEncryption()).isFalse();
  }

  @Test
  void encryptsTheSameValueDifferentlyEachTime() {
    assertThat(cipher.encrypt("same", CONTEXT)).isNotEqualTo(cipher.encrypt("same", CONTEXT));
  }

  @Test
  void roundTripsEmptyAndNonAsciiValues() {
    assertThat(cipher.decrypt(cipher.encrypt("", CONTEXT), CONTEXT).value()).isEmpty();
    assertThat(cipher.decrypt(cipher.encrypt("schlüssel ✓", null), null).value())
        .isEqualTo("schlüssel ✓");
  }

  @Test
  void decryptsOldValuesAfterRotationAndReEncryptsThemUnderTheNewKey() {
    String keyA = Keysets.primaryKeyId(KEYSET_A);
    String underA = cipher.encrypt("xoxb-" + "1-2-abcdef", CONTEXT);
    String keysetAb = Keysets.rotate(KEYSET_A);
    String keyB = Keysets.primaryKeyId(keysetAb);
    SecretCipher rotated = new SecretCipher(Optional.of(keysetAb));

    DecryptedSecret old = rotated.decrypt(underA, CONTEXT);
    String underB = rotated.reEncrypt(underA, CONTEXT);

    assertThat(keyB).isNotEqualTo(keyA);
    assertThat(rotated.status().keyCount()).isEqualTo(2);
    assertThat(old.value()).isEqualTo("xoxb-" + "1-2-abcdef");
    assertThat(old.origin()).isEqualTo(SecretOrigin.OLDER_KEY);
    assertThat(EncryptedValue.keyIdOf(underA)).isEqualTo(keyA);
    assertThat(EncryptedValue.keyIdOf(underB)).isEqualTo(keyB);
    assertThat(rotated.decrypt(underB, CONTEXT).origin()).isEqualTo(SecretOrigin.CURRENT_KEY);
  }

  @Test
  void reEncryptLeavesACurrentValueUnchanged() {
    String stored = cipher.encrypt("token", CONTEXT);

    assertThat(cipher.reEncrypt(stored, CONTEXT)).isSameAs(stored);
  }

  @Test
  void rejectsTamperedCiphertext() {
    String stored = cipher.encrypt("token", CONTEXT);
    EncryptedValue value = EncryptedValue.parse(stored);
    byte[] bytes = value.ciphertext().clone();
    bytes[bytes.length - 1] ^= 0x01;
    String tampered = new EncryptedValue(value.keyId(), bytes).format();

    assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT))
        .isInstanceOf(SecretDecryptionException.class);
  }

  @Test
  void rejectsCiphertextMovedToAnotherRowOrField() {
    String stored = cipher.encrypt("token", CONTEXT);

    assertThatThrownBy(() -> cipher.decrypt(stored, "github_connection:43:webhook_secret"))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessageNotContaining("token");
  }

  @Test
  void rejectsAKeyIdThatDoesNotMatchTheCiphertext() {
    String stored = cipher.encrypt("token", CONTEXT);
    String rotatedId = Keysets.primaryKeyId(Keysets.rotate(KEYSET_A));
    String relabelled = stored.replaceFirst(":[0-9]+:", ":" + rotatedId + ":");

    assertThatThrownBy(() -> cipher.decrypt(relabelled, CONTEXT))
        .isInstanceOf(SecretDecryptionException.class);
  }

  @Test
  void rejectsValuesUnderAKeyNoLongerInTheKeyset() {
    String stored = cipher.encrypt("token", CONTEXT);
    SecretCipher other = new SecretCipher(Optional.of(Keysets.generate()));

    assertThatThrownBy(() -> other.decrypt(stored, CONTEXT))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessageContaining("not in the configured keyset");
  }

  @Test
  void refusesAValueWithoutThePrefixInsteadOfUsingItAsTheSecret() {
    String plaintext = "ghp_" + "plaintextWrittenAroundTheApi0000000000";

    assertThatThrownBy(() -> cipher.decrypt(plaintext, CONTEXT))
        .isInstanceOf(UnencryptedSecretException.class)
        .hasMessageContaining("not encrypted")
        .hasMessageNotContaining(plaintext);
    assertThatThrownBy(() -> cipher.reEncrypt(plaintext, CONTEXT))
        .isInstanceOf(UnencryptedSecretException.class);
  }

  @Test
  void encryptingOneOfOurCiphertextsAgainLeavesItUnchanged() {
    // spec CR-2
    String stored = cipher.encrypt("token", CONTEXT);

    assertThat(cipher.encrypt(stored, CONTEXT)).isEqualTo(stored);
  }

  @Test
  void refusesToStoreAValueThatOnlyLooksEncrypted() {
    String fake = "enc:v1:123:" + Base64.getUrlEncoder().encodeToString(new byte[32]);

    assertThatThrownBy(() -> cipher.encrypt(fake, CONTEXT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decryptedSecretNeverPrintsItsValue() {
    DecryptedSecret secret = cipher.decrypt(cipher.encrypt("hunter2", CONTEXT), CONTEXT);

    assertThat(secret.toString()).doesNotContain("hunter2");
  }
}
