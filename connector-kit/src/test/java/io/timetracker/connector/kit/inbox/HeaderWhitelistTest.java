package io.timetracker.connector.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.connector.kit.signature.Headers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderWhitelistTest {

  @Test
  void keepsProviderHeadersUnderLowerCaseNames() {
    Headers headers =
        Headers.ofSingle(Map.of("X-Slack-Retry-Num", "1", "Content-Type", "application/json"));

    assertThat(HeaderWhitelist.defaults().filter(headers))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("x-slack-retry-num", "1", "content-type", "application/json"));
  }

  @Test
  void neverKeepsCredentialHeadersEvenWhenConfigured() {
    HeaderWhitelist whitelist =
        new HeaderWhitelist(
            List.of(
                "X-Slack-Signature", "Cookie", "X-Goog-Channel-Token", "X-Api-Key", "X-Tenant"));
    Headers headers =
        Headers.ofSingle(
            Map.of(
                "X-Slack-Signature", "v0=abc",
                "Cookie", "session=1",
                "X-Goog-Channel-Token", "t",
                "X-Api-Key", "k",
                "X-Tenant", "acme"));

    assertThat(whitelist.filter(headers)).containsExactly(Map.entry("x-tenant", "acme"));
  }
}
