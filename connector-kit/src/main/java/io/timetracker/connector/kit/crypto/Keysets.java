package io.timetracker.connector.kit.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tink keysets in their JSON form: generate one, rotate one (new AES256_GCM primary, old keys kept
 * for decryption), and parse and check one. The JSON holds raw key material: it lives only in a
 * Kubernetes Secret or the local, git-ignored environment, never in the repository.
 */
public final class Keysets {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Keysets() {}

  /** A new keyset with one AES256_GCM key, as JSON. */
  public static String generate() {
    try {
      return serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not generate a keyset", e);
    }
  }

  /**
   * The same keyset plus a new AES256_GCM key that becomes primary. Values under the old keys keep
   * decrypting; {@link SecretCipher#reEncrypt} moves them to the new key.
   */
  public static String rotate(String keysetJson) {
    try {
      KeysetHandle rotated =
          KeysetHandle.newBuilder(parse(keysetJson))
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      return serialize(rotated);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("could not rotate the keyset", e);
    }
  }

  /** The primary key id of a keyset, unsigned decimal as in {@code enc:v1:<keyId>:}. */
  public static String primaryKeyId(String keysetJson) {
    try {
      return EncryptedValue.formatKeyId(parse(keysetJson).getPrimary().getId());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a usable keyset", e);
    }
  }

  /**
   * Parses a cleartext JSON keyset and checks that its primary is an enabled AES256_GCM key with
   * Tink's key-id prefix (so every ciphertext names its key).
   */
  static KeysetHandle parse(String keysetJson) throws GeneralSecurityException {
    KeysetHandle handle =
        TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
    KeysetHandle.Entry primary = handle.getPrimary();
    if (!(primary.getKey().getParameters() instanceof AesGcmParameters params)
        || params.getKeySizeBytes() != 32
        || params.getVariant() != AesGcmParameters.Variant.TINK
        || primary.getStatus() != KeyStatus.ENABLED) {
      throw new GeneralSecurityException("primary key must be an enabled TINK AES256_GCM key");
    }
    return handle;
  }

  /** Ids of every key in the keyset. */
  static Set<Integer> keyIds(KeysetHandle handle) {
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < handle.size(); i++) {
      ids.add(handle.getAt(i).getId());
    }
    return ids;
  }

  private static String serialize(KeysetHandle handle) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
  }
}
