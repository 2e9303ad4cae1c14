package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.client.GithubClient;
import io.timetracker.connector.github.client.GithubRejectedException;
import io.timetracker.connector.github.client.RepositoryAccess;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.crypto.SecretDecryptionException;
import io.timetracker.connector.kit.masking.ErrorText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Proves that a connection's token works on its repository: GitHub's {@code GET
 * /repos/{owner}/{repo}} must show {@code permissions.push} or {@code permissions.admin}. Run at
 * save and before each sync; the outcome is stored as {@code verified_at} (or its absence with the
 * reason). Only a proven connection may carry effects for people other than its owner, because
 * anyone can create a connection naming any repository and sign deliveries with its secret.
 */
@ApplicationScoped
public class RepositoryVerifier {

  private static final Logger LOG = Logger.getLogger(RepositoryVerifier.class);

  private final GithubClient github;
  private final SecretCipher cipher;
  private final ConnectionRepository connections;
  private final Clock clock;

  /** Collaborators. */
  public RepositoryVerifier(
      GithubClient github, SecretCipher cipher, ConnectionRepository connections, Clock clock) {
    this.github = github;
    this.cipher = cipher;
    this.connections = connections;
    this.clock = clock;
  }

  /** Checks the connection's access, stores the outcome and answers the updated connection. */
  public Uni<Connection> verify(Connection c) {
    return check(c)
        .invoke(o -> LOG.debugf("access check of %s: %s", c, o))
        .call(o -> connections.recordVerification(c.id(), o.verifiedAt(), o.error()))
        .map(o -> c.withVerification(o.verifiedAt(), o.error()));
  }

  private Uni<Outcome> check(Connection c) {
    if (c.token() == null) {
      return Uni.createFrom()
          .item(Outcome.unproven("no token: access to the repository is unproven"));
    }
    return Uni.createFrom()
        .item(() -> cipher.decrypt(c.token(), Connection.tokenContext(c.id())).value())
        .chain(token -> github.repository(token, c.repoOwner(), c.repoName()))
        .map(access -> judge(c, access))
        .onFailure(GithubRejectedException.class)
        .recoverWithItem(
            f ->
                Outcome.unproven(
                    "GitHub answered HTTP "
                        + ((GithubRejectedException) f).status()
                        + " for "
                        + c.fullName()
                        + " with this token"))
        .onFailure(SecretDecryptionException.class)
        .recoverWithItem(f -> Outcome.unproven("the stored token cannot be decrypted"))
        .onFailure()
        .recoverWithItem(f -> kept(c, f));
  }

  private Outcome judge(Connection c, RepositoryAccess access) {
    if (access.canWrite()) {
      return new Outcome(clock.instant(), null);
    }
    return Outcome.unproven("the token has neither push nor admin permission on " + c.fullName());
  }

  // GitHub unreachable or rate-limited: nothing new was learnt, the last outcome stands
  private static Outcome kept(Connection c, Throwable f) {
    String why = "access could not be checked: " + ErrorText.of(f);
    return new Outcome(c.verifiedAt(), c.verified() ? null : why);
  }

  private record Outcome(Instant verifiedAt, String error) {
    static Outcome unproven(String why) {
      return new Outcome(null, why);
    }
  }
}
