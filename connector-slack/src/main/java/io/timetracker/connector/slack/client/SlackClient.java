package io.timetracker.connector.slack.client;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.retry.Backoff;
import io.timetracker.connector.kit.retry.RetryAfter;
import io.timetracker.connector.slack.config.SlackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The Slack Web API as the connector uses it: posts retried on 429/5xx/I-O honouring Slack's {@code
 * Retry-After}, every answer read once into a typed record or a {@link SlackException}. Tokens are
 * passed per call (they belong to a workspace) and never logged.
 */
@ApplicationScoped
public class SlackClient {

  private static final Logger LOG = Logger.getLogger(SlackClient.class);

  private final SlackRestClient api;
  private final SlackConfig config;
  private final Clock clock;

  /** Collaborators. */
  public SlackClient(@RestClient SlackRestClient api, SlackConfig config, Clock clock) {
    this.api = api;
    this.config = config;
    this.clock = clock;
  }

  /** Posts a message, retrying what Slack says may be retried; the message's timestamp. */
  public Uni<String> post(String botToken, PostMessage message) {
    SlackConfig.Posts n = config.posts();
    return RetryAfter.call(
            () -> postOnce(botToken, message),
            new Backoff(n.retryBase(), n.retryMax(), 0.2),
            n.maxAttempts(),
            n.retryMax())
        .map(SlackAnswers.Posted::ts);
  }

  /** {@code auth.test} once (a user is waiting): who the token belongs to. */
  public Uni<SlackAnswers.AuthTest> authTest(String botToken) {
    return api.authTest(bearer(botToken))
        .onFailure()
        .transform(SlackClient::ioFailure)
        .map(r -> read(r, SlackAnswers.AuthTest.class))
        .invoke(a -> requireOk(a.ok(), a.error()));
  }

  /** {@code oauth.v2.access} once: the workspace's bot token for an "Add to Slack" code. */
  public Uni<SlackAnswers.OAuthAccess> exchange(
      String clientId, String clientSecret, String code, String redirectUri) {
    return api.oauthV2Access(clientId, clientSecret, code, redirectUri)
        .onFailure()
        .transform(SlackClient::ioFailure)
        .map(r -> read(r, SlackAnswers.OAuthAccess.class))
        .invoke(a -> requireOk(a.ok(), a.error()));
  }

  private Uni<SlackAnswers.Posted> postOnce(String botToken, PostMessage message) {
    return api.postMessage(bearer(botToken), message)
        .onFailure()
        .transform(SlackClient::ioFailure)
        .map(r -> read(r, SlackAnswers.Posted.class))
        .invoke(p -> requireOk(p.ok(), p.error()));
  }

  private <T> T read(Response response, Class<T> type) {
    try (response) {
      int status = response.getStatus();
      if (status == 429 || status >= 500) {
        Duration wait =
            RetryAfter.parse(response.getHeaderString("Retry-After"), clock.instant()).orElse(null);
        LOG.debugf("Slack answered %d (Retry-After %s)", status, wait);
        throw new SlackException.Retryable(status == 429 ? "ratelimited" : "http_" + status, wait);
      }
      if (status >= 300) {
        throw new SlackException("http_" + status);
      }
      return response.readEntity(type);
    }
  }

  private static void requireOk(boolean ok, String error) {
    if (!ok) {
      throw new SlackException(error == null ? "unknown_error" : error);
    }
  }

  private static Throwable ioFailure(Throwable failure) {
    return failure instanceof SlackException
        ? failure
        : new SlackException.Retryable("io_" + failure.getClass().getSimpleName(), null);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }
}
