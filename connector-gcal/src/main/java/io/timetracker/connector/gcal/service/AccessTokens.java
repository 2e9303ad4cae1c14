package io.timetracker.connector.gcal.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.client.GoogleOAuthClient;
import io.timetracker.connector.gcal.client.GrantedTokens;
import io.timetracker.connector.gcal.client.InvalidGrantException;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.oauth.TokenExpiry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The plaintext access token for a Google call, refreshed first when it expires within {@code
 * gcal.oauth.refresh-margin} (or its expiry is unknown). A refresh answered {@code invalid_grant}
 * marks the connection "reconnect needed" and fails with {@link ReconnectNeededException}; it is
 * never retried. Tokens are stored encrypted, bound to their row and field.
 */
@ApplicationScoped
public class AccessTokens {

  private static final Logger LOG = Logger.getLogger(AccessTokens.class);

  private final ConnectionRepository connections;
  private final GoogleOAuthClient oauth;
  private final SecretCipher cipher;
  private final GcalConfig.OAuth config;
  private final Clock clock;

  /** Collaborators. */
  public AccessTokens(
      ConnectionRepository connections,
      GoogleOAuthClient oauth,
      SecretCipher cipher,
      GcalConfig config,
      Clock clock) {
    this.connections = connections;
    this.oauth = oauth;
    this.cipher = cipher;
    this.config = config.oauth();
    this.clock = clock;
  }

  /** A usable access token for the connection. */
  public Uni<String> fresh(Connection c) {
    if (c.reconnectNeeded() || !c.connected()) {
      return Uni.createFrom().failure(new ReconnectNeededException());
    }
    if (!TokenExpiry.refreshDue(c.tokenExpiresAt(), clock.instant(), config.refreshMargin())
        && c.accessToken() != null) {
      return Uni.createFrom().item(decrypt(c.accessToken(), c.id(), "access_token"));
    }
    if (c.refreshToken() == null) {
      return Uni.createFrom().failure(new ReconnectNeededException());
    }
    return refresh(c);
  }

  /** Encrypts tokens from Google for the connection's row. */
  public ConnectionRepository.Tokens encrypt(UUID id, GrantedTokens granted) {
    return new ConnectionRepository.Tokens(
        cipher.encrypt(granted.accessToken(), context(id, "access_token")),
        granted.refreshToken() == null
            ? null
            : cipher.encrypt(granted.refreshToken(), context(id, "refresh_token")),
        granted.expiresAt(),
        granted.scopes());
  }

  /** The plaintext refresh token, else the access token: what a revocation should send. */
  public String revocable(Connection c) {
    if (c.refreshToken() != null) {
      return decrypt(c.refreshToken(), c.id(), "refresh_token");
    }
    return c.accessToken() == null ? null : decrypt(c.accessToken(), c.id(), "access_token");
  }

  private Uni<String> refresh(Connection c) {
    String refreshToken = decrypt(c.refreshToken(), c.id(), "refresh_token");
    return oauth
        .refresh(refreshToken)
        .onFailure(InvalidGrantException.class)
        .call(f -> markReconnect(c))
        .onFailure(InvalidGrantException.class)
        .transform(f -> new ReconnectNeededException())
        .chain(granted -> store(c, granted));
  }

  private Uni<String> store(Connection c, GrantedTokens granted) {
    return connections
        .refreshed(c.id(), c.version(), encrypt(c.id(), granted))
        .invoke(saved -> LOG.debugf("access token of %s refreshed", c.id()))
        .replaceWith(granted.accessToken());
  }

  private Uni<Void> markReconnect(Connection c) {
    LOG.infof("Google refused the refresh token of connection %s: reconnect needed", c.id());
    return connections.reconnectNeeded(c.id(), ReconnectNeededException.MESSAGE);
  }

  private String decrypt(String stored, UUID id, String field) {
    return cipher.decrypt(stored, context(id, field)).value();
  }

  private static String context(UUID id, String field) {
    return "gcal_connection:" + id + ":" + field;
  }
}
