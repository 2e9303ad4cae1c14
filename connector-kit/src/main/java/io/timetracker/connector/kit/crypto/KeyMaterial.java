package io.timetracker.connector.kit.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The loaded keyset behind a {@link SecretCipher}: the AEAD primitive, the primary key id, every
 * key id, and the resulting status. Loading never throws; a missing or unusable keyset yields a
 * not-ready status (fail closed, but the service still starts).
 */
record KeyMaterial(Aead aead, int primaryKeyId, Set<Integer> keyIds, CipherStatus status) {

  private static final Logger LOG = Logger.getLogger(KeyMaterial.class);

  static KeyMaterial load(Optional<String> keysetJson) {
    Optional<String> json = keysetJson.filter(text -> !text.isBlank());
    if (json.isEmpty()) {
      return notReady(CipherStatus.NO_KEY);
    }
    try {
      KeysetHandle handle = Keysets.parse(json.get());
      Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
      int primary = handle.getPrimary().getId();
      return new KeyMaterial(
          aead, primary, Keysets.keyIds(handle), CipherStatus.ready(primary, handle.size()));
    } catch (GeneralSecurityException | RuntimeException e) {
      // a parse error's message may quote the keyset: log the type only
      LOG.errorf("%s (%s)", CipherStatus.INVALID_KEY, e.getClass().getSimpleName());
      return notReady(CipherStatus.INVALID_KEY);
    }
  }

  private static KeyMaterial notReady(String reason) {
    return new KeyMaterial(null, 0, Set.of(), CipherStatus.notReady(reason));
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + status + "]";
  }
}
