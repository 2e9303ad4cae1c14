package io.timetracker.connector.kit.api;

import io.timetracker.connector.kit.masking.ErrorText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The uniform {@code POST …/test} answer, one shape for every provider (the original mixed {@code
 * {success, message}} and {@code {ok, error}}, spec K.4 #31).
 *
 * @param ok the provider accepted the credentials
 * @param message what happened ({@code Connected as octocat}) or what is missing; masked
 */
@Schema(description = "Result of testing a connection against its provider")
public record TestResult(boolean ok, String message) {

  /** Masks the message. */
  public TestResult {
    message = ErrorText.of(message);
  }

  /** The provider accepted the credentials. */
  public static TestResult ok(String message) {
    return new TestResult(true, message);
  }

  /** The test failed or could not run. */
  public static TestResult failed(String message) {
    return new TestResult(false, message);
  }

  /** Nothing to test: no connection. */
  public static TestResult notConfigured() {
    return new TestResult(false, NotConfigured.MESSAGE);
  }
}
