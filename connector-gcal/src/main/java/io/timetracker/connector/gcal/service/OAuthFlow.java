package io.timetracker.connector.gcal.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.client.GoogleOAuthClient;
import io.timetracker.connector.gcal.client.GrantedTokens;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.oauth.AuthorizationRequest;
import io.timetracker.connector.kit.oauth.OAuthStateStore;
import io.timetracker.connector.kit.oauth.PendingAuthorization;
import io.timetracker.connector.kit.oauth.Pkce;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.LinkIdentityRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Google's authorization-code flow with PKCE: {@link #connect} starts it for the signed-in person
 * (state bound to them, single use, {@code gcal.oauth.state-ttl}); {@link #callback} checks the
 * state once, swaps the code with the verifier and stores the tokens encrypted; {@link #disconnect}
 * revokes the grant at Google and wipes the tokens, keeping the settings.
 */
@ApplicationScoped
public class OAuthFlow {

  /** The provider name of states and identities. */
  public static final String PROVIDER = "google";

  private static final Logger LOG = Logger.getLogger(OAuthFlow.class);

  private final GcalConfig.OAuth config;
  private final OAuthStateStore states;
  private final GoogleOAuthClient google;
  private final ConnectionRepository connections;
  private final AccessTokens tokens;
  private final TimerService core;
  private final ImportScheduler scheduler;
  private final Clock clock;

  /** Collaborators. */
  public OAuthFlow(
      GcalConfig config,
      OAuthStateStore states,
      GoogleOAuthClient google,
      ConnectionRepository connections,
      AccessTokens tokens,
      TimerService core,
      ImportScheduler scheduler,
      Clock clock) {
    this.config = config.oauth();
    this.states = states;
    this.google = google;
    this.connections = connections;
    this.tokens = tokens;
    this.core = core;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Where to send the person's browser: Google's consent page for a new state. */
  public Uni<URI> connect(Caller caller) {
    if (!config.configured()) {
      throw notConfigured();
    }
    return core.me(caller.rawToken())
        .chain(user -> connections.ensure(caller.subject(), user.id(), clock.instant()))
        .chain(c -> states.begin(PROVIDER, caller.subject(), c.userId(), null, config.stateTtl()))
        .map(this::authorizationUrl);
  }

  /**
   * Completes the flow; always answers where to send the browser ({@code ?google=connected} or
   * {@code ?google=error&reason=…}). An unknown, reused or expired state never reaches Google.
   */
  public Uni<URI> callback(String state, String code, String error) {
    return states
        .consume(PROVIDER, state)
        .chain(pending -> complete(pending, code, error))
        .onFailure()
        .recoverWithItem(this::failed);
  }

  /** Revokes the grant at Google (best effort) and wipes the tokens; settings stay. */
  public Uni<Void> disconnect(Caller caller) {
    return connections.bySubject(caller.subject()).chain(found -> disconnect(found));
  }

  /** Revokes and wipes one connection's tokens. */
  public Uni<Void> disconnect(Optional<Connection> found) {
    if (found.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Connection c = found.get();
    return revoke(c)
        .chain(() -> connections.wipeTokens(c.id()))
        .invoke(() -> LOG.infof("Google Calendar disconnected for connection %s", c.id()));
  }

  /** The "OAuth not configured" answer: what an administrator has to set. */
  public static ApiException notConfigured() {
    return new ApiException(
        503,
        "oauth_not_configured",
        "Google OAuth is not configured: an administrator must set GCAL_OAUTH_CLIENT_ID,"
            + " GCAL_OAUTH_CLIENT_SECRET and GCAL_PUBLIC_BASE_URL"
            + " (docs/connectors/google-calendar.md).");
  }

  private Uni<URI> complete(Optional<PendingAuthorization> pending, String code, String error) {
    if (pending.isEmpty()) {
      LOG.info("OAuth callback with an unknown, used or expired state: no code exchange");
      return Uni.createFrom().item(back("error", "invalid_state"));
    }
    if (error != null) {
      return Uni.createFrom().item(back("error", sanitize(error)));
    }
    if (code == null || code.isBlank()) {
      return Uni.createFrom().item(back("error", "missing_code"));
    }
    return google
        .exchange(code, pending.get().codeVerifier())
        .chain(granted -> store(pending.get(), granted))
        .replaceWith(back("connected", null));
  }

  private Uni<Connection> store(PendingAuthorization pending, GrantedTokens granted) {
    IdToken account = IdToken.parse(granted.idToken());
    return connections
        .bySubject(pending.subject())
        .map(Optional::orElseThrow)
        .chain(
            c ->
                connections.connect(
                    c.id(), tokens.encrypt(c.id(), granted), account.subject(), account.email()))
        .call(c -> link(c, account))
        .call(c -> scheduler.ensureNow(c.id()))
        .invoke(c -> LOG.infof("Google Calendar connected for connection %s", c.id()));
  }

  private Uni<Void> link(Connection c, IdToken account) {
    if (account.subject() == null) {
      return Uni.createFrom().voidItem();
    }
    return core.linkIdentity(
            c.userId(), new LinkIdentityRequest(PROVIDER, account.subject(), account.email()))
        .replaceWithVoid()
        .onFailure()
        .invoke(f -> LOG.warnf("Google account not linked to user %d: %s", c.userId(), f))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private Uni<Void> revoke(Connection c) {
    String token = c.connected() && config.configured() ? tokens.revocable(c) : null;
    if (token == null) {
      return Uni.createFrom().voidItem();
    }
    return google
        .revoke(token)
        .replaceWithVoid()
        .onFailure()
        .invoke(f -> LOG.infof("revocation at Google failed for %s; tokens wiped anyway", c.id()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private URI failed(Throwable failure) {
    LOG.warnf("Google Calendar connection failed: %s", failure.toString());
    return back("error", "exchange_failed");
  }

  private URI authorizationUrl(AuthorizationRequest request) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", config.clientId().orElseThrow());
    query.put("redirect_uri", config.redirectUri());
    query.put("response_type", "code");
    query.put("scope", String.join(" ", config.scopes()));
    query.put("access_type", "offline");
    query.put("include_granted_scopes", "true");
    query.put("prompt", "consent");
    query.put("state", request.state());
    query.put("code_challenge", request.pkce().challenge());
    query.put("code_challenge_method", Pkce.METHOD);
    return URI.create(config.authorizationUrl() + "?" + encode(query));
  }

  private URI back(String outcome, String reason) {
    String base = config.publicBaseUrl().orElse("").replaceAll("/+$", "");
    String query = "google=" + outcome + (reason == null ? "" : "&reason=" + reason);
    return URI.create(base + config.returnPath() + "?" + query);
  }

  private static String sanitize(String error) {
    String clean = error.replaceAll("[^a-z_]", "");
    return clean.isEmpty()
        ? "authorization_failed"
        : clean.substring(0, Math.min(64, clean.length()));
  }

  private static String encode(Map<String, String> query) {
    return query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
