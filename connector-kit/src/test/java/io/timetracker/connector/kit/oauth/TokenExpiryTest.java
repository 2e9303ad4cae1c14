package io.timetracker.connector.kit.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenExpiryTest {

  private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration MARGIN = Duration.ofMinutes(5);

  @Test
  void refreshesATokenExpiringInFourMinutes() {
    assertThat(TokenExpiry.refreshDue(NOW.plusSeconds(240), NOW, MARGIN)).isTrue();
  }

  @Test
  void keepsATokenExpiringInTenMinutes() {
    assertThat(TokenExpiry.refreshDue(NOW.plusSeconds(600), NOW, MARGIN)).isFalse();
  }

  @Test
  void refreshesWhenTheExpiryIsUnknown() {
    assertThat(TokenExpiry.refreshDue(null, NOW, MARGIN)).isTrue();
  }

  @Test
  void refreshesAtExactlyTheMargin() {
    assertThat(TokenExpiry.refreshDue(NOW.plus(MARGIN), NOW, MARGIN)).isTrue();
  }
}
