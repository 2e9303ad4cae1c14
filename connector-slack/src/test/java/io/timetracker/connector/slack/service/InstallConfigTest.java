package io.timetracker.connector.slack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.slack.config.SlackConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstallConfigTest {

  @Test
  void withoutClientCredentialsInstallingIsA503NamingWhatToSet() {
    assertThatThrownBy(
            () -> InstallFlow.requireConfigured(oauth(null, null), Optional.of("app-secret")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.code()).isEqualTo("oauth_not_configured");
              assertThat(e.getMessage())
                  .contains("SLACK_OAUTH_CLIENT_ID", "SLACK_OAUTH_CLIENT_SECRET");
            });
  }

  @Test
  void withoutTheAppsSigningSecretInstallingIsOffToo() {
    assertThat(InstallFlow.configured(oauth("1.2", "s"), Optional.empty())).isFalse();
    assertThat(InstallFlow.configured(oauth("1.2", " "), Optional.of("x"))).isFalse();
    assertThat(InstallFlow.configured(oauth("1.2", "s"), Optional.of("x"))).isTrue();
  }

  private static SlackConfig.OAuth oauth(String id, String secret) {
    return new SlackConfig.OAuth() {
      @Override
      public Optional<String> clientId() {
        return Optional.ofNullable(id);
      }

      @Override
      public Optional<String> clientSecret() {
        return Optional.ofNullable(secret);
      }

      @Override
      public String authorizeBaseUrl() {
        return "https://slack.com";
      }

      @Override
      public String scopes() {
        return "commands";
      }

      @Override
      public Duration stateTtl() {
        return Duration.ofMinutes(10);
      }
    };
  }
}
