package io.timetracker.connector.github;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Set;

/** Signed bearer tokens from the OIDC stand-in; subject {@code sub-<name>}. */
public final class TestTokens {
  private TestTokens() {}

  /** A person with role user. */
  public static String user(String name) {
    return OidcWiremockTestResource.generateJwtToken(name, Set.of("user"), "sub-" + name, "Bearer");
  }

  /** A person with roles user and admin. */
  public static String admin(String name) {
    return OidcWiremockTestResource.generateJwtToken(
        name, Set.of("user", "admin"), "sub-" + name, "Bearer");
  }
}
