package io.timetracker.connector.slack;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every secret and token plaintext the tests handled, for {@code NoPlaintextSecretsTest}. */
public final class Secrets {
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private Secrets() {}

  /** Remembers a plaintext and returns it. */
  public static String seen(String plaintext) {
    if (plaintext != null && !plaintext.isBlank()) {
      SEEN.add(plaintext);
    }
    return plaintext;
  }

  /** All remembered plaintexts. */
  public static Set<String> all() {
    return Set.copyOf(SEEN);
  }
}
