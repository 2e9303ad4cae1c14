package io.timetracker.connector.github.model;

/**
 * The signed-in person calling the connections API.
 *
 * @param subject OIDC subject of the token
 * @param rawToken the bearer token, only forwarded to the core's {@code /me}
 * @param admin whether they have role {@code admin} (may act on others' connections)
 */
public record Caller(String subject, String rawToken, boolean admin) {

  @Override
  public String toString() {
    return "Caller[subject=" + subject + ", admin=" + admin + "]";
  }
}
