package io.timetracker.connector.kit.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lease and failure backoff of scheduled per-connection jobs ({@code connector.jobs.*}). */
@ConfigMapping(prefix = "connector.jobs")
public interface JobsConfig {

  /** How long a claim holds a job; work running longer is cut off and the job retried. */
  @WithDefault("PT5M")
  Duration lease();

  /** Delay after the first consecutive failure of a connection's job. */
  @WithDefault("PT1M")
  Duration backoffBase();

  /** Longest delay between retries of a failing job. */
  @WithDefault("PT6H")
  Duration backoffMax();

  /** Random share of each delay, 0 to 1. */
  @WithDefault("0.2")
  double backoffJitter();
}
