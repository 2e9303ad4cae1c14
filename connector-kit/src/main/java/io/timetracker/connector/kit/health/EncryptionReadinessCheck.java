package io.timetracker.connector.kit.health;

import io.timetracker.connector.kit.crypto.CipherStatus;
import io.timetracker.connector.kit.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of secret storage: DOWN with reason {@code "no encryption key configured"} (or {@code
 * "encryption keyset invalid"}) while the connector can't encrypt. Liveness is unaffected, so the
 * service starts and says why it isn't ready instead of storing secrets in plaintext.
 */
@Readiness
@ApplicationScoped
public class EncryptionReadinessCheck implements HealthCheck {

  /** The check's name in {@code /q/health/ready}. */
  public static final String NAME = "secret-encryption";

  private final SecretCipher cipher;

  /** Reports on {@code cipher}. */
  @Inject
  public EncryptionReadinessCheck(SecretCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public HealthCheckResponse call() {
    CipherStatus status = cipher.status();
    HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME);
    if (!status.ready()) {
      return builder.down().withData("reason", status.reason()).build();
    }
    return builder
        .up()
        .withData("primaryKeyId", status.primaryKeyId())
        .withData("keys", status.keyCount())
        .build();
  }
}
