package io.timetracker.connector.kit.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Key material for secrets at rest ({@code connector.crypto.*}). In Kubernetes the keyset comes
 * from a Secret through {@code envFrom} as {@code CONNECTOR_CRYPTO_KEYSET}; see
 * docs/adr/0003-secret-encryption.md.
 */
@ConfigMapping(prefix = "connector.crypto")
public interface CryptoConfig {

  /**
   * A cleartext Tink keyset in Tink's JSON format, primary key AES256_GCM. Absent: the service
   * starts, reports not-ready and refuses to store secrets (fail closed).
   */
  Optional<String> keyset();
}
