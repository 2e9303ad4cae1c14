package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.oauth.AuthorizationRequest;
import io.timetracker.connector.kit.oauth.OAuthStateStore;
import io.timetracker.connector.kit.oauth.PendingAuthorization;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.slack.client.SlackAnswers;
import io.timetracker.connector.slack.client.SlackClient;
import io.timetracker.connector.slack.client.SlackException;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.model.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Slack's OAuth v2 "Add to Slack": {@link #install} sends the signed-in person to Slack's authorize
 * page with a single-use state (connector-kit's {@link OAuthStateStore}, bound to them); {@link
 * #callback} takes the state back once, exchanges the code with {@code oauth.v2.access} and stores
 * the workspace with its bot token encrypted. Such a workspace is verified with the app's signing
 * secret ({@code slack.signing-secret}).
 */
@ApplicationScoped
public class InstallFlow {

  /** The provider name of the states. */
  public static final String PROVIDER = "slack";

  /** Where Slack sends the browser back, below the public base URL. */
  public static final String CALLBACK_PATH = "/integrations/slack/oauth/callback";

  private static final Logger LOG = Logger.getLogger(InstallFlow.class);
  private static final Pattern TEAM = Pattern.compile("T[A-Z0-9]{2,30}");
  private static final Pattern ERROR = Pattern.compile("[a-z_]{1,60}");

  private final SlackConfig config;
  private final OAuthStateStore states;
  private final SlackClient slack;
  private final WorkspaceService workspaces;

  /** Collaborators. */
  public InstallFlow(
      SlackConfig config, OAuthStateStore states, SlackClient slack, WorkspaceService workspaces) {
    this.config = config;
    this.states = states;
    this.slack = slack;
    this.workspaces = workspaces;
  }

  /** Where to send the person's browser: Slack's authorize page with a new state. */
  public Uni<URI> install(Caller caller) {
    requireConfigured(config);
    return states
        .begin(PROVIDER, caller.subject(), null, null, config.oauth().stateTtl())
        .map(this::authorizeUrl);
  }

  /**
   * Completes an install: the state is taken back once (an unknown, reused, expired or someone
   * else's state is 400 {@code invalid_state} and never reaches Slack); the workspace stored.
   */
  public Uni<Workspace> callback(Caller caller, String state, String code, String error) {
    requireConfigured(config);
    return states
        .consume(PROVIDER, state)
        .map(pending -> accepted(caller, pending, error))
        .chain(pending -> exchange(code))
        .chain(access -> store(caller, access));
  }

  /** Whether "Add to Slack" can run: the app's client id, client secret and signing secret set. */
  public static boolean configured(SlackConfig config) {
    return configured(config.oauth(), config.signingSecret());
  }

  /** The same from the parts. */
  static boolean configured(SlackConfig.OAuth oauth, Optional<String> signingSecret) {
    return present(oauth.clientId()) && present(oauth.clientSecret()) && present(signingSecret);
  }

  /** The problem when it cannot: what an administrator has to set. */
  public static void requireConfigured(SlackConfig config) {
    requireConfigured(config.oauth(), config.signingSecret());
  }

  /** The same from the parts. */
  static void requireConfigured(SlackConfig.OAuth oauth, Optional<String> signingSecret) {
    if (!configured(oauth, signingSecret)) {
      throw new ApiException(
          503,
          "oauth_not_configured",
          "\"Add to Slack\" is not configured: an administrator must set SLACK_OAUTH_CLIENT_ID,"
              + " SLACK_OAUTH_CLIENT_SECRET and SLACK_SIGNING_SECRET from the Slack app's Basic"
              + " Information (docs/connectors/slack.md). Workspaces can still be registered by an"
              + " admin with their own bot token.");
    }
  }

  private PendingAuthorization accepted(
      Caller caller, Optional<PendingAuthorization> pending, String error) {
    if (pending.isEmpty() || !pending.get().subject().equals(caller.subject())) {
      LOG.info("Slack install callback with an unknown, used or foreign state: no code exchange");
      throw ApiException.invalid(
          "invalid_state",
          "This install link is unknown, expired or was already used: start again");
    }
    if (error != null) {
      String reason = ERROR.matcher(error).matches() ? error : "unknown";
      throw ApiException.invalid("install_denied", "Slack did not install the app: " + reason);
    }
    return pending.get();
  }

  private Uni<SlackAnswers.OAuthAccess> exchange(String code) {
    if (code == null || code.isBlank() || code.length() > 512) {
      throw ApiException.invalid("missing_code", "Slack's callback carried no code");
    }
    SlackConfig.OAuth oauth = config.oauth();
    return slack
        .exchange(
            oauth.clientId().orElseThrow(), oauth.clientSecret().orElseThrow(), code, redirectUri())
        .onFailure(SlackException.Retryable.class)
        .transform(f -> new ApiException(502, "slack_unavailable", "Slack could not be reached"))
        .onFailure(SlackException.class)
        .transform(f -> refused((SlackException) f));
  }

  private static ApiException refused(SlackException f) {
    return ApiException.invalid("oauth_exchange_failed", "Slack refused the code: " + f.error());
  }

  private Uni<Workspace> store(Caller caller, SlackAnswers.OAuthAccess access) {
    SlackAnswers.Team team = access.team();
    if (team == null
        || team.id() == null
        || !TEAM.matcher(team.id()).matches()
        || access.accessToken() == null
        || !access.accessToken().startsWith("xoxb-")) {
      throw new ApiException(502, "slack_answer_unusable", "Slack's answer held no bot token");
    }
    return workspaces
        .installed(team.id(), team.name(), access.accessToken(), access.botUserId(), null)
        .invoke(
            w ->
                LOG.infof(
                    "Slack workspace %s installed through OAuth by %s",
                    w.teamId(), caller.subject()));
  }

  private URI authorizeUrl(AuthorizationRequest request) {
    SlackConfig.OAuth oauth = config.oauth();
    String base = oauth.authorizeBaseUrl().replaceAll("/+$", "");
    return URI.create(
        base
            + "/oauth/v2/authorize?client_id="
            + encode(oauth.clientId().orElseThrow())
            + "&scope="
            + encode(oauth.scopes())
            + "&state="
            + encode(request.state())
            + "&redirect_uri="
            + encode(redirectUri()));
  }

  /** The callback URL Slack sends the browser back to (also listed in the app manifest). */
  public String redirectUri() {
    return config.publicBaseUrl().replaceAll("/+$", "") + CALLBACK_PATH;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static boolean present(Optional<String> value) {
    return value.filter(v -> !v.isBlank()).isPresent();
  }
}
