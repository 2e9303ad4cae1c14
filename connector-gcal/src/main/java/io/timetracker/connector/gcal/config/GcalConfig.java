package io.timetracker.connector.gcal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything under {@code gcal.*}; every key is listed in docs/connectors/google-calendar.md. */
@ConfigMapping(prefix = "gcal")
public interface GcalConfig {

  /** Google OAuth 2.0. */
  OAuth oauth();

  /** The scheduled import ({@code gcal.import.*}). */
  @WithName("import")
  Import importing();

  /** The event-driven export. */
  Export export();

  /** Google OAuth 2.0 client and endpoints. */
  interface OAuth {
    /** The OAuth client id from Google Cloud Console; without it connect explains what to set. */
    Optional<String> clientId();

    /** The OAuth client secret (a Kubernetes Secret). */
    Optional<String> clientSecret();

    /** The public base URL people reach the suite at; the redirect URI is built from it only. */
    Optional<String> publicBaseUrl();

    /** Where the callback sends the browser afterwards, relative to the public base URL. */
    @WithDefault("/integrations")
    String returnPath();

    /** Google's authorization endpoint. */
    @WithDefault("https://accounts.google.com/o/oauth2/v2/auth")
    String authorizationUrl();

    /** Base URL of Google's token and revocation endpoints. */
    @WithDefault("https://oauth2.googleapis.com")
    String tokenServerUrl();

    /** Scopes asked for. */
    @WithDefault(
        "https://www.googleapis.com/auth/calendar.readonly,https://www.googleapis.com/auth/calendar.events,openid,email")
    List<String> scopes();

    /** How long a started authorization may take. */
    @WithDefault("PT10M")
    Duration stateTtl();

    /** A token expiring within this margin is refreshed before the next call. */
    @WithDefault("PT5M")
    Duration refreshMargin();

    /** True when client id, secret and public base URL are all set. */
    default boolean configured() {
      return clientId().filter(s -> !s.isBlank()).isPresent()
          && clientSecret().filter(s -> !s.isBlank()).isPresent()
          && publicBaseUrl().filter(s -> !s.isBlank()).isPresent();
    }

    /** The redirect URI registered at Google. */
    default String redirectUri() {
      return publicBaseUrl().orElse("").replaceAll("/+$", "") + "/integrations/google/callback";
    }
  }

  /** The import of calendar events into time entries. */
  interface Import {
    /** Scheduler tick that claims due imports ({@code off} disables it in this replica). */
    @WithDefault("1m")
    String every();

    /** Time between two imports of one connection. */
    @WithDefault("PT30M")
    Duration interval();

    /** Imports run at once per replica. */
    @WithDefault("16")
    int maxConcurrent();

    /** Events per page asked of Google (at most 2500). */
    @WithDefault("250")
    int pageSize();

    /** How far ahead a full sync looks, so meetings that end later are imported once they end. */
    @WithDefault("P30D")
    Duration lookAhead();

    /** A full window sync replaces the incremental one this often. */
    @WithDefault("P1D")
    Duration fullResyncInterval();

    /** Retries of one Google call answered 429, 403 rate limit or 5xx. */
    @WithDefault("5")
    int maxRetries();

    /** First retry delay when Google sends no Retry-After; doubles each time. */
    @WithDefault("PT1S")
    Duration retryBase();

    /** The longest wait for one retry, whatever Retry-After says. */
    @WithDefault("PT60S")
    Duration retryAfterCap();
  }

  /** The export of finished entries as calendar events. */
  interface Export {
    /** Prefix of exported event titles; events with it are never imported. */
    @WithDefault("[TT]")
    String prefix();

    /** Private extended property that carries our entry id on exported events. */
    @WithDefault("timetrackerEntryId")
    String entryProperty();
  }
}
