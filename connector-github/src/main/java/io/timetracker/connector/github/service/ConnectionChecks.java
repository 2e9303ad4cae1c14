package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.client.GithubClient;
import io.timetracker.connector.github.client.GithubException;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.kit.api.ConnectionHealth;
import io.timetracker.connector.kit.api.StatusResponse;
import io.timetracker.connector.kit.api.SyncStatus;
import io.timetracker.connector.kit.api.TestResult;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.masking.ErrorText;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** The uniform {@code status} and {@code test} answers of a connection. */
@ApplicationScoped
public class ConnectionChecks {

  private final GithubClient github;
  private final SecretCipher cipher;

  /** Collaborators. */
  public ConnectionChecks(GithubClient github, SecretCipher cipher) {
    this.github = github;
    this.cipher = cipher;
  }

  /** Status from what is stored: secrets readable, last sync. Never an error. */
  public StatusResponse status(Connection c) {
    SyncStatus last =
        c.lastSyncStatus() == null
            ? null
            : SyncStatus.valueOf(c.lastSyncStatus().toUpperCase(java.util.Locale.ROOT));
    ConnectionHealth health;
    try {
      cipher.decrypt(c.webhookSecret(), Connection.secretContext(c.id()));
      if (c.token() != null) {
        cipher.decrypt(c.token(), Connection.tokenContext(c.id()));
      }
      if (!c.active()) {
        health = ConnectionHealth.degraded("connection is inactive: deliveries are refused");
      } else if (c.defaultProjectId() == null) {
        health =
            ConnectionHealth.degraded("default project not set: deliveries cannot be processed");
      } else if (last == SyncStatus.FAILED) {
        health = ConnectionHealth.degraded(c.lastError());
      } else {
        health = last == null ? ConnectionHealth.unknown() : ConnectionHealth.up();
      }
    } catch (RuntimeException e) {
      health = ConnectionHealth.down("stored secret cannot be decrypted: " + ErrorText.of(e));
    }
    return StatusResponse.connected(c.lastSyncAt(), last, c.lastError(), health);
  }

  /** Calls GitHub's {@code GET /user} with the connection's token, or says what is missing. */
  public Uni<TestResult> test(Connection c) {
    if (c.token() == null) {
      return Uni.createFrom()
          .item(
              TestResult.failed("No GitHub token configured: add one to the connection's config"));
    }
    String token;
    try {
      token = cipher.decrypt(c.token(), Connection.tokenContext(c.id())).value();
    } catch (RuntimeException e) {
      return Uni.createFrom()
          .item(TestResult.failed("The stored token cannot be decrypted: " + ErrorText.of(e)));
    }
    return github
        .login(token)
        .map(login -> TestResult.ok("Connected as " + login))
        .onFailure(GithubException.class)
        .recoverWithItem(f -> TestResult.failed(describe((GithubException) f)))
        .onFailure(CircuitBreakerOpenException.class)
        .recoverWithItem(
            f ->
                TestResult.failed(
                    "GitHub failed repeatedly: calls are paused, try again in a minute"))
        .onFailure()
        .recoverWithItem(f -> TestResult.failed("Connection error: " + ErrorText.of(f)));
  }

  private static String describe(GithubException e) {
    if (e.status() == 401) {
      return "GitHub rejected the token (HTTP 401): create a new one";
    }
    if (e.rateLimited()) {
      return "GitHub rate limit reached (HTTP " + e.status() + "): try again later";
    }
    return e.getMessage();
  }
}
