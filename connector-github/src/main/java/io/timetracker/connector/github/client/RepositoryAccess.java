package io.timetracker.connector.github.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a token may do in a repository, from GitHub's {@code GET /repos/{owner}/{repo}} ({@code
 * permissions} is present when the request is authenticated).
 *
 * @param fullName the repository's {@code full_name} as GitHub answers it
 * @param admin {@code permissions.admin}
 * @param push {@code permissions.push}
 */
public record RepositoryAccess(String fullName, boolean admin, boolean push) {

  /** From the repository document. */
  public static RepositoryAccess of(JsonNode repo) {
    JsonNode permissions = repo.path("permissions");
    return new RepositoryAccess(
        repo.path("full_name").asText(""),
        permissions.path("admin").asBoolean(false),
        permissions.path("push").asBoolean(false));
  }

  /** Push or admin: the token's owner works on this repository, not just reads it. */
  public boolean canWrite() {
    return admin || push;
  }
}
