package io.timetracker.gateway;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Map;
import java.util.Set;

/**
 * Signed bearer tokens from the OIDC stand-in; subject {@code sub-<name>}, issued for the gateway
 * (audience {@code integration-gateway}).
 */
public final class TestTokens {

  private TestTokens() {}

  /** A person with role user. */
  public static String user(String name) {
    return OidcWiremockTestResource.generateJwtToken(
        name,
        Set.of("user"),
        "sub-" + name,
        "Bearer",
        Set.of("integration-gateway"),
        Map.of("azp", "tt-cli"));
  }

  /** A token issued for another service: the gateway must refuse it. */
  public static String forOtherAudience(String name) {
    return OidcWiremockTestResource.generateJwtToken(
        name, Set.of("user"), "sub-" + name, "Bearer", Set.of("timer-service"), Map.of());
  }
}
