package io.timetracker.connector.slack.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The Slack connector's settings ({@code slack.*}); every key is listed in
 * docs/connectors/slack.md.
 */
@ConfigMapping(prefix = "slack")
public interface SlackConfig {

  /** Public base URL of the suite (the gateway), for links handed to Slack users. */
  @WithDefault("http://127.0.0.1:8080")
  String publicBaseUrl();

  /**
   * The Slack app's signing secret, for requests to the URLs without a team id (the app installed
   * through "Add to Slack"); absent: only workspaces registered with their own secret are served.
   */
  Optional<String> signingSecret();

  /** Largest request body Slack may send, in bytes. */
  @WithDefault("65536")
  long maxBodyBytes();

  /** How long a "/tt link" link stays valid. */
  @WithDefault("PT10M")
  Duration linkTtl();

  /** Posting to Slack (notifications and summaries). */
  Posts posts();

  /** "Add to Slack": the OAuth v2 install flow. */
  OAuth oauth();

  /** Daily summaries. */
  Summary summary();

  /** Posting notifications: retries of 429 and 5xx, honouring Slack's Retry-After. */
  interface Posts {
    /**
     * Attempts of one post, the first included. With the default backoff, 20 attempts wait out
     * about 14 minutes of Slack answering 5xx or 429 before the event goes to the dead-letter topic
     * (the consumer's unprocessed-record age limit is set above that).
     */
    @WithDefault("20")
    int maxAttempts();

    /** First backoff when Slack gives no Retry-After. */
    @WithDefault("PT1S")
    Duration retryBase();

    /** Longest wait between attempts, also the cap on a Retry-After. */
    @WithDefault("PT60S")
    Duration retryMax();
  }

  /** Daily summary scheduling. */
  interface Summary {
    /** How often each replica looks for due summaries ({@code off} disables it). */
    @WithDefault("1m")
    String every();

    /** A slot missed (service down) by at most this long is still posted once; later: skipped. */
    @WithDefault("PT2H")
    Duration grace();

    /** Summaries claimed per run and replica. */
    @WithDefault("20")
    int batch();
  }

  /**
   * The OAuth v2 "Add to Slack" flow: the app's client id and secret (from the Slack app's Basic
   * Information), where Slack's authorize page lives and which bot scopes to ask for.
   */
  interface OAuth {
    /** The app's client id; absent: "Add to Slack" is off. */
    Optional<String> clientId();

    /** The app's client secret; absent: "Add to Slack" is off. */
    Optional<String> clientSecret();

    /** Base of Slack's authorize page ({@code /oauth/v2/authorize} is appended). */
    @WithDefault("https://slack.com")
    String authorizeBaseUrl();

    /** Bot scopes asked for, comma-separated (as in the app manifest). */
    @WithDefault("commands,chat:write,chat:write.public")
    String scopes();

    /** How long an install may take between the redirect to Slack and the callback. */
    @WithDefault("PT10M")
    Duration stateTtl();
  }
}
