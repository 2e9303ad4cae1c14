package io.timetracker.connector.slack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.timetracker.connector.kit.crypto.Keysets;
import java.util.Map;

/**
 * A keyset generated for this test run only ({@code connector.crypto.keyset}), and the app-level
 * signing secret ({@code slack.signing-secret}) of the "Add to Slack" app.
 */
public class KeysetResource implements QuarkusTestResourceLifecycleManager {

  /** The app's signing secret in tests. */
  public static final String APP_SIGNING_SECRET = Secrets.seen("app-signing-secret-4f1c9e2b7a");

  /** The app's OAuth client secret in tests ("Add to Slack"). */
  public static final String APP_CLIENT_SECRET = Secrets.seen("app-client-secret-9b3e5d7c1a");

  @Override
  public Map<String, String> start() {
    return Map.of(
        "connector.crypto.keyset",
        Keysets.generate(),
        "slack.signing-secret",
        APP_SIGNING_SECRET,
        "slack.oauth.client-secret",
        APP_CLIENT_SECRET);
  }

  @Override
  public void stop() {}
}
