package io.timetracker.connector.github.model;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Creates a connection ({@code repository} required) or replaces its settings (PUT config; {@code
 * repository} ignored). Secrets are write-only: a non-blank {@code token} replaces the stored one,
 * {@code clearToken} removes it, and neither is ever read back.
 *
 * @param repository {@code owner/repo}
 * @param defaultProjectId core project for the tasks; validated against the owner's access
 * @param labelFilter only issues with this label (any case); blank for all
 * @param autoStart start a timer on assignment (default false)
 * @param timerPolicy {@code skip} (default) or {@code switch}
 * @param stopOnUnassign stop the timer when unassigned (default false)
 * @param active accept deliveries (default true)
 * @param token GitHub personal access token (fine-grained, Issues read), write-only
 * @param clearToken remove the stored token
 */
@Schema(name = "GithubConnectionRequest")
public record ConnectionRequest(
    @Pattern(
            regexp = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}",
            message = "must be owner/repo")
        String repository,
    Long defaultProjectId,
    @Size(max = 100) String labelFilter,
    Boolean autoStart,
    @Pattern(regexp = "skip|switch", message = "must be skip or switch") String timerPolicy,
    Boolean stopOnUnassign,
    Boolean active,
    @Size(max = 1000) String token,
    Boolean clearToken) {

  @Override
  public String toString() {
    return "ConnectionRequest[repository="
        + repository
        + ", token="
        + (token == null ? "-" : "***")
        + "]";
  }
}
