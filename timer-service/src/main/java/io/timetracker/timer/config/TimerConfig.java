package io.timetracker.timer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed settings of the timer-service ({@code timer.*}). */
@ConfigMapping(prefix = "timer")
public interface TimerConfig {

  /** CSV export settings. */
  Export export();

  /** Idempotency-Key settings. */
  Idempotency idempotency();

  /** CSV export. */
  interface Export {
    /** Rows read from the database per round trip while streaming. */
    @WithDefault("500")
    int pageSize();
  }

  /** Idempotency keys. */
  interface Idempotency {
    /** How long a stored answer is replayed for the same key. */
    @WithDefault("P1D")
    Duration retention();

    /**
     * How long a request waits for an earlier request with the same key that is still running; it
     * then answers that request's outcome, or 409 {@code idempotency_key_in_use} after this.
     */
    @WithDefault("10s")
    Duration maxWait();
  }
}
