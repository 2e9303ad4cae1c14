package io.timetracker.connector.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.connector.kit.crypto.Keysets;
import io.timetracker.connector.kit.crypto.SecretCipher;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class EncryptionReadinessCheckTest {

  @Test
  void isDownWithAReasonWhenNoKeyIsConfigured() {
    HealthCheckResponse response =
        new EncryptionReadinessCheck(new SecretCipher(Optional.empty())).call();

    assertThat(response.getName()).isEqualTo("secret-encryption");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData())
        .get()
        .extracting(d -> d.get("reason"))
        .isEqualTo("no encryption key configured");
  }

  @Test
  void isUpWithThePrimaryKeyIdWhenAKeysetIsConfigured() {
    String keyset = Keysets.generate();

    HealthCheckResponse response =
        new EncryptionReadinessCheck(new SecretCipher(Optional.of(keyset))).call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData())
        .get()
        .extracting(d -> d.get("primaryKeyId"))
        .isEqualTo(Keysets.primaryKeyId(keyset));
  }
}
