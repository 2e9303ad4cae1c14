package io.timetracker.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.connector.kit.crypto.EncryptionUnavailableException;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.inbox.Inbox;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobRunner;
import io.timetracker.connector.kit.signature.GitHubSignatureVerifier;
import io.timetracker.connector.kit.signature.SlackSignatureVerifier;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.assertj.core.api.Assertions;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/**
 * Boots a Quarkus application with the kit on its classpath and no encryption key, as a connector
 * would: the beans resolve, the service starts, readiness says why it isn't ready, secrets are
 * refused, and {@code quarkus.log.console.filter=secret-masking} finds the filter.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class QuarkusWiringTest {

  @Inject SecretCipher cipher;
  @Inject Inbox inbox;
  @Inject JobClaimer claimer;
  @Inject JobRunner runner;
  @Inject GitHubSignatureVerifier github;
  @Inject SlackSignatureVerifier slack;

  @TestHTTPResource("/q/health/ready")
  URI readiness;

  @Test
  void startsWithoutAKeyAndReportsNotReadyWithTheReason() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .contains("\"name\": \"secret-encryption\"")
        .contains("no encryption key configured");
  }

  @Test
  void refusesToStoreSecretsWithoutAKey() {
    assertThat(cipher.isReady()).isFalse();
    Assertions.assertThatThrownBy(() -> cipher.encrypt("xoxb-secret", "ctx"))
        .isInstanceOf(EncryptionUnavailableException.class);
  }

  @Test
  void everyKitBeanResolvesWithConfiguredDefaults() {
    assertThat(claimer.policy().lease()).hasMinutes(5);
    assertThat(inbox).isNotNull();
    assertThat(runner).isNotNull();
    assertThat(github.verify("s", new byte[0], "sha256=00").valid()).isFalse();
    assertThat(slack.verify("s", new byte[0], "1", "v0=00").valid()).isFalse();
  }

  @Test
  void theConsoleHandlersFilterMasksTokens() {
    ExtLogRecord record =
        new ExtLogRecord(Level.INFO, "token %s", ExtLogRecord.FormatStyle.PRINTF, "test");
    record.setParameters(new Object[] {"xoxb-" + "1234567890-abcdefghijklmnop"});

    boolean loggable = consoleHandler().getFilter().isLoggable(record);

    assertThat(loggable).isTrue();
    assertThat(formatted(record)).isEqualTo("token xoxb-…mnop");
  }

  /** Quarkus wraps the console handler; walk the handler tree to find it. */
  private static Handler consoleHandler() {
    Deque<Handler> handlers =
        new ArrayDeque<>(List.of(LogContext.getLogContext().getLogger("").getHandlers()));
    while (!handlers.isEmpty()) {
      Handler handler = handlers.pop();
      if (handler instanceof ConsoleHandler) {
        return handler;
      }
      if (handler instanceof ExtHandler ext) {
        handlers.addAll(List.of(ext.getHandlers()));
      }
    }
    throw new AssertionError("no console handler");
  }

  private static String formatted(ExtLogRecord record) {
    return new PatternFormatter("%s").format(record);
  }
}
