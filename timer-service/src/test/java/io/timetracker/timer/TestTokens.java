package io.timetracker.timer;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Set;

/** Signed bearer tokens from the in-process OIDC stand-in, one subject per user name. */
public final class TestTokens {
  private TestTokens() {}

  /** A person with role {@code user}. */
  public static String user(String name) {
    return token(name, Set.of("user"));
  }

  /** A person with roles {@code user} and {@code admin}. */
  public static String admin(String name) {
    return token(name, Set.of("user", "admin"));
  }

  /** A connector's client-credentials token with role {@code service}. */
  public static String service(String client) {
    return token("service-account-" + client, Set.of("service"));
  }

  private static String token(String name, Set<String> roles) {
    return OidcWiremockTestResource.generateJwtToken(name, roles, "sub-" + name, "Bearer");
  }
}
