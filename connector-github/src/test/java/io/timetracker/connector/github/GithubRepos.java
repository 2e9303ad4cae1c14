package io.timetracker.connector.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * GitHub's {@code GET /repos/{owner}/{repo}} on the WireMock GitHub, in its documented shape: the
 * {@code permissions} object of an authenticated request, or 404 for a token that cannot see it.
 */
public final class GithubRepos {

  private GithubRepos() {}

  /** The repository as {@code token} sees it, with these permissions. */
  public static void grant(String repo, String token, boolean admin, boolean push) {
    String[] parts = repo.split("/");
    String body =
        """
        {"id": %d, "node_id": "R_kgDOAbc%d", "name": "%s", "full_name": "%s", "private": true,
         "owner": {"login": "%s", "id": 1, "type": "User"},
         "html_url": "https://github.com/%s", "default_branch": "main",
         "permissions": {"admin": %s, "maintain": %s, "push": %s, "triage": true, "pull": true}}
        """
            .formatted(
                Math.abs(repo.hashCode()),
                Math.abs(repo.hashCode()),
                parts[1],
                repo,
                parts[0],
                repo,
                admin,
                admin,
                push);
    GithubApiResource.server()
        .stubFor(
            get(urlPathEqualTo("/repos/" + repo))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(body)));
  }

  /** The repository is invisible to {@code token}: GitHub answers 404. */
  public static void deny(String repo, String token) {
    GithubApiResource.server()
        .stubFor(
            get(urlPathEqualTo("/repos/" + repo))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(
                    aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"message\":\"Not Found\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest/repos/repos#get-a-repository\","
                                + "\"status\":\"404\"}")));
  }
}
