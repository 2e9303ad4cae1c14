package io.timetracker.connector.gcal.health;

import io.timetracker.connector.gcal.config.GcalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether Google OAuth is configured. Never DOWN: the service is useful without it (status,
 * export of already connected people), but an operator sees "OAuth not configured" at once.
 */
@Readiness
@ApplicationScoped
public class GoogleOAuthHealthCheck implements HealthCheck {

  private final GcalConfig config;

  /** {@code gcal.oauth.*}. */
  public GoogleOAuthHealthCheck(GcalConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    boolean configured = config.oauth().configured();
    return HealthCheckResponse.named("google-oauth")
        .up()
        .withData("oauth", configured ? "configured" : "OAuth not configured")
        .withData("redirectUri", configured ? config.oauth().redirectUri() : "")
        .build();
  }
}
