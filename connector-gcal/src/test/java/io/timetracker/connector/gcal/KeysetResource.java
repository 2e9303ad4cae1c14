package io.timetracker.connector.gcal;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.timetracker.connector.kit.crypto.Keysets;
import java.util.Map;

/** A keyset generated for this test run only ({@code connector.crypto.keyset}). */
public class KeysetResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("connector.crypto.keyset", Keysets.generate());
  }

  @Override
  public void stop() {}
}
