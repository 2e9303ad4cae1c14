package io.timetracker.connector.slack.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class InstallHealthCheckTest {

  @Test
  void healthSaysWhenAddToSlackIsNotConfiguredAndStaysUp() {
    HealthCheckResponse off = InstallHealthCheck.of(false);

    assertThat(off.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(off.getData().orElseThrow().get("addToSlack").toString())
        .startsWith("not configured")
        .contains("SLACK_OAUTH_CLIENT_ID");
    assertThat(InstallHealthCheck.of(true).getData().orElseThrow())
        .containsEntry("addToSlack", "configured");
  }
}
