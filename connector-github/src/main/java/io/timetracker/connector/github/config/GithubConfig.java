package io.timetracker.connector.github.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the GitHub connector ({@code github.*}). */
@ConfigMapping(prefix = "github")
public interface GithubConfig {

  /**
   * The public base URL GitHub reaches us at (the gateway's), e.g. {@code https://tt.example.com};
   * the webhook URL shown to users is built from it, never from a request's Host header.
   */
  String publicBaseUrl();

  /** Webhook settings. */
  Webhook webhook();

  /** Sync settings. */
  Sync sync();

  /** Webhook receiver. */
  interface Webhook {
    /** Largest accepted body in bytes; larger deliveries get 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /**
     * On the URL without a connection id, how many active connections' secrets are tried (one HMAC
     * each) before the delivery is refused; the per-connection URL needs one.
     */
    @WithDefault("200")
    int routedCandidates();

    /**
     * How long the webhook secret replaced by a rotation is still accepted, so deliveries keep
     * verifying until the new secret is pasted into GitHub.
     */
    @WithDefault("PT24H")
    Duration secretOverlap();
  }

  /** Issue sync. */
  interface Sync {
    /** How often the scheduler looks for due connections ({@code off} turns it off). */
    @WithDefault("1m")
    String every();

    /** Time between two scheduled syncs of one connection. */
    @WithDefault("PT1H")
    Duration interval();

    /** Issues per page asked from GitHub (max 100). */
    @WithDefault("100")
    int perPage();

    /** Pages read at most in one sync. */
    @WithDefault("50")
    int maxPages();

    /** Longest {@code Retry-After} we wait inside one sync; a longer one fails the sync. */
    @WithDefault("PT60S")
    Duration maxRetryAfter();

    /** Retries of one page after a rate limit or a 5xx. */
    @WithDefault("3")
    int pageRetries();

    /**
     * When a sync ended early because GitHub or the core could not be reached (5xx, timeout, no
     * connection, breaker open, issues the core did not take), the connection syncs again after
     * this instead of after {@link #interval()}.
     */
    @WithDefault("PT2M")
    Duration retryAfterFailure();

    /** Syncs one replica runs at the same time (scheduled and requested alike). */
    @WithDefault("4")
    int maxConcurrent();

    /**
     * Whether a requested sync starts at once in the replica that took the request; otherwise it
     * waits for the next scheduler tick ({@code every}).
     */
    @WithDefault("true")
    boolean startOnRequest();
  }
}
