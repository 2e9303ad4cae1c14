package io.timetracker.connector.kit.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;

/**
 * Encrypts secrets at rest with a Tink AES256_GCM keyset and reads them back; fails closed. See
 * docs/adr/0003-secret-encryption.md.
 *
 * <p>{@code context} is bound to the ciphertext as associated data, e.g. {@code
 * "github_connection:42:webhook_secret"}: a value copied to another row or field no longer
 * decrypts. Use the same context to read as to write; {@code null} means none.
 */
@ApplicationScoped
public class SecretCipher {

  private static final byte TINK_PREFIX_VERSION = 0x01;

  private final KeyMaterial keys;

  /** From configuration; a missing or invalid keyset leaves the cipher not ready. */
  @Inject
  public SecretCipher(CryptoConfig config) {
    this(config.keyset());
  }

  /** From a JSON keyset, if any: for tests and tools. */
  public SecretCipher(Optional<String> keysetJson) {
    this.keys = KeyMaterial.load(keysetJson);
  }

  /** Whether secrets can be stored now. */
  public boolean isReady() {
    return keys.status().ready();
  }

  /** Readiness and key details for health and startup logs. */
  public CipherStatus status() {
    return keys.status();
  }

  /**
   * Encrypts under the primary key. A value that already is one of our ciphertexts for this context
   * is returned unchanged (spec CR-2); one that merely looks like it is refused.
   *
   * @throws EncryptionUnavailableException when no usable key is configured (nothing is stored)
   * @throws IllegalArgumentException when the value carries {@code enc:v1:} but isn't ours
   */
  public String encrypt(String plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    requireReady();
    if (EncryptedValue.isEncrypted(plaintext)) {
      try {
        decrypt(plaintext, context);
        return plaintext;
      } catch (SecretDecryptionException e) {
        throw new IllegalArgumentException(
            "refusing to store a value that looks encrypted but does not decrypt here");
      }
    }
    return seal(plaintext, context);
  }

  /**
   * Reads a stored value. Only {@code enc:v1:} values are secrets: anything else in a secret column
   * (plaintext written around the API, a value from another tool) is refused, never used — whoever
   * could write the column could otherwise choose the secret.
   *
   * @throws UnencryptedSecretException a value without the {@code enc:v1:} prefix
   * @throws SecretDecryptionException malformed, tampered, wrong context or unknown key
   * @throws EncryptionUnavailableException an encrypted value while no key is configured
   */
  public DecryptedSecret decrypt(String stored, String context) {
    Objects.requireNonNull(stored, "stored");
    if (!EncryptedValue.isEncrypted(stored)) {
      throw new UnencryptedSecretException();
    }
    EncryptedValue value = EncryptedValue.parse(stored);
    requireReady();
    byte[] ct = value.ciphertext();
    String keyId = EncryptedValue.formatKeyId(value.keyId());
    if (!keys.keyIds().contains(value.keyId())) {
      throw new SecretDecryptionException("key " + keyId + " is not in the configured keyset");
    }
    if (ct.length < 5
        || ct[0] != TINK_PREFIX_VERSION
        || ByteBuffer.wrap(ct, 1, 4).getInt() != value.keyId()) {
      throw new SecretDecryptionException("ciphertext does not match key id " + keyId);
    }
    try {
      byte[] plain = keys.aead().decrypt(ct, associatedData(context));
      SecretOrigin origin =
          value.keyId() == keys.primaryKeyId() ? SecretOrigin.CURRENT_KEY : SecretOrigin.OLDER_KEY;
      return new DecryptedSecret(new String(plain, StandardCharsets.UTF_8), origin);
    } catch (GeneralSecurityException e) {
      throw new SecretDecryptionException(
          "could not decrypt under key " + keyId + ": tampered, or another row's or field's", e);
    }
  }

  /**
   * Re-wraps a stored value under the current primary key: unchanged if it already is, otherwise
   * decrypted and encrypted anew. Refuses what {@link #decrypt} refuses.
   */
  public String reEncrypt(String stored, String context) {
    DecryptedSecret secret = decrypt(stored, context);
    if (!secret.needsReEncryption()) {
      return stored;
    }
    requireReady();
    return seal(secret.value(), context);
  }

  private String seal(String plaintext, String context) {
    try {
      byte[] ct =
          keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(context));
      return new EncryptedValue(keys.primaryKeyId(), ct).format();
    } catch (GeneralSecurityException e) {
      throw new EncryptionUnavailableException(
          "encryption failed: " + e.getClass().getSimpleName());
    }
  }

  private void requireReady() {
    if (!keys.status().ready()) {
      throw new EncryptionUnavailableException(keys.status().reason());
    }
  }

  private static byte[] associatedData(String context) {
    return context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8);
  }
}
