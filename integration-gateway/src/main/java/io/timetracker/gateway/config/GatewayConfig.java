package io.timetracker.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway's configuration ({@code gateway.*}): where each connector listens, which public
 * routes are forwarded to which connector with what body cap, timeout and rate limit. Every key is
 * listed in {@code integration-gateway/README.md}.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

  /** The gateway's public URL, as providers and browsers reach it (printed and shown to users). */
  @WithDefault("http://127.0.0.1:8080")
  String publicBaseUrl();

  /** The connectors by provider key ({@code github}, {@code slack}, {@code google}). */
  Map<String, Connector> connectors();

  /** The forwarded public routes by name. */
  Map<String, Route> routes();

  /** One connector service. */
  interface Connector {
    /** Base URL of the connector service, e.g. {@code http://127.0.0.1:8082}. */
    String url();

    /** Path of its uniform user API, e.g. {@code /api/integrations/github}. */
    String apiPath();

    /** Name shown on the page. */
    String name();

    /** Order of its card on the page. */
    @WithDefault("100")
    int order();

    /** Time a uniform API call may take before the gateway answers 503. */
    @WithDefault("5s")
    Duration timeout();

    /** The circuit breaker in front of this connector. */
    Breaker breaker();
  }

  /** A circuit breaker: opens when enough of the last calls failed, half-opens after a delay. */
  interface Breaker {
    /** Calls in the rolling window. */
    @WithDefault("8")
    int requestVolume();

    /** Share of failed calls in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long it stays open before a trial call. */
    @WithDefault("10s")
    Duration delay();
  }

  /** A public route forwarded byte-for-byte to a connector. */
  interface Route {
    /** Paths (Vert.x syntax, {@code :name} for a segment). */
    List<String> paths();

    /** HTTP methods. */
    @WithDefault("POST")
    List<String> methods();

    /** Key of the owning connector in {@link #connectors()}. */
    String connector();

    /** Largest body forwarded; larger → 413 before or while reading. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Time the connector has to start answering; then 504, or the route's fallback. */
    @WithDefault("10s")
    Duration timeout();

    /** Whether a signed-in person is required; their token is then forwarded as a bearer. */
    @WithDefault("false")
    boolean signedIn();

    /** What to answer when the connector is slow or down. */
    @WithDefault("problem")
    Fallback fallback();

    /** Requests allowed per source; 0 turns the limit off. */
    @WithDefault("0")
    int ratePerMinute();

    /** Requests a source may send at once before the per-minute rate applies. */
    @WithDefault("60")
    int burst();
  }

  /** The answer of a forwarded route when its connector is slow or down. */
  enum Fallback {
    /** problem+json 504 (slow) or 503 with Retry-After (down). */
    PROBLEM,
    /** Slack's own shape: an ephemeral "try again" for commands, 503 for events (Slack retries). */
    SLACK
  }
}
