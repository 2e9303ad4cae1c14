package io.timetracker.timer;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signed bearer tokens from the in-process OIDC stand-in, one subject per user name, issued for
 * timer-service (audience {@code timer-service}).
 */
public final class TestTokens {
  /** The timer-service audience that the service accepts. */
  public static final String AUDIENCE = "timer-service";

  /** Every capability role of a service client. */
  public static final List<String> ALL_CAPABILITIES =
      List.of(
          "timers",
          "summary",
          "projects",
          "tasks",
          "time-entries",
          "identities-read",
          "identities-write");

  /** The capabilities the local realm grants each connector (deploy/local/keycloak). */
  private static final Map<String, List<String>> REALM_GRANTS =
      Map.of(
          "connector-github", List.of("timers", "tasks", "projects", "identities-read"),
          "connector-slack",
              List.of("timers", "summary", "projects", "identities-read", "identities-write"),
          "connector-gcal",
              List.of("time-entries", "projects", "identities-read", "identities-write"));

  private TestTokens() {}

  /** A person with role {@code user}. */
  public static String user(String name) {
    return token(name, Set.of("user"), Set.of(AUDIENCE), Map.of("azp", "tt-cli"));
  }

  /** A person with roles {@code user} and {@code admin}. */
  public static String admin(String name) {
    return token(name, Set.of("user", "admin"), Set.of(AUDIENCE), Map.of("azp", "tt-cli"));
  }

  /**
   * A connector's client-credentials token with role {@code service} and the capabilities the local
   * realm grants that client (every capability for a client the realm does not know).
   */
  public static String service(String client) {
    return service(client, REALM_GRANTS.getOrDefault(client, ALL_CAPABILITIES));
  }

  /** A connector's client-credentials token with role {@code service} and these capabilities. */
  public static String service(String client, List<String> capabilities) {
    Set<String> roles = new HashSet<>(capabilities);
    roles.add("service");
    return token("service-account-" + client, roles, Set.of(AUDIENCE), Map.of("azp", client));
  }

  /** A signed token with any audience, e.g. one issued for another service. */
  public static String forAudience(String name, Set<String> roles, String audience) {
    return token(name, roles, Set.of(audience), Map.of("azp", "tt-cli"));
  }

  private static String token(
      String name, Set<String> roles, Set<String> audience, Map<String, String> claims) {
    return OidcWiremockTestResource.generateJwtToken(
        name, roles, "sub-" + name, "Bearer", audience, claims);
  }
}
