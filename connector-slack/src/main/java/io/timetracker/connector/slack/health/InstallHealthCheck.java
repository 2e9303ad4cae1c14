package io.timetracker.connector.slack.health;

import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.service.InstallFlow;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether "Add to Slack" is configured. Always up: without it, admins still register
 * workspaces with their own credentials; the data tells an operator what is missing.
 */
@Readiness
@ApplicationScoped
public class InstallHealthCheck implements HealthCheck {

  private final SlackConfig config;

  /** Reads {@code slack.oauth.*}. */
  public InstallHealthCheck(SlackConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    return of(InstallFlow.configured(config));
  }

  /** The answer for a configured or unconfigured flow. */
  static HealthCheckResponse of(boolean configured) {
    return HealthCheckResponse.named("slack-add-to-slack")
        .up()
        .withData(
            "addToSlack",
            configured
                ? "configured"
                : "not configured: set SLACK_OAUTH_CLIENT_ID, SLACK_OAUTH_CLIENT_SECRET and"
                    + " SLACK_SIGNING_SECRET")
        .build();
  }
}
