package io.timetracker.connector.kit.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Retries, dead-lettering and stored headers of the webhook inbox ({@code connector.inbox.*}). */
@ConfigMapping(prefix = "connector.inbox")
public interface InboxConfig {

  /** Attempts before a delivery is dead. */
  @WithDefault("8")
  int maxAttempts();

  /** Delay after the first failure. */
  @WithDefault("PT10S")
  Duration backoffBase();

  /** Longest delay between attempts. */
  @WithDefault("PT30M")
  Duration backoffMax();

  /** Random share of each delay, 0 to 1. */
  @WithDefault("0.2")
  double backoffJitter();

  /** How long a claimed delivery may stay {@code processing} before another replica retries it. */
  @WithDefault("PT5M")
  Duration processingTimeout();

  /** Header names kept in addition to {@link HeaderWhitelist#DEFAULT}. */
  Optional<List<String>> extraHeaders();
}
