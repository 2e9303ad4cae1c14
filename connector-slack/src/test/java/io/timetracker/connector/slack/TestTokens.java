package io.timetracker.connector.slack;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Map;
import java.util.Set;

/**
 * Signed bearer tokens from the OIDC stand-in; subject {@code sub-<name>}, issued for this
 * connector (audience {@code connector-slack}).
 */
public final class TestTokens {
  private static final Set<String> AUDIENCE = Set.of("connector-slack");

  private TestTokens() {}

  /** A person with role user. */
  public static String user(String name) {
    return token(name, Set.of("user"));
  }

  /** A person with roles user and admin. */
  public static String admin(String name) {
    return token(name, Set.of("user", "admin"));
  }

  private static String token(String name, Set<String> roles) {
    return OidcWiremockTestResource.generateJwtToken(
        name, roles, "sub-" + name, "Bearer", AUDIENCE, Map.of("azp", "tt-cli"));
  }
}
