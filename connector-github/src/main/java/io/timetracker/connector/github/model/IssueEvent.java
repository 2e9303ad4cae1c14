package io.timetracker.connector.github.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@code issues} webhook delivery as this connector reads it.
 *
 * @param action {@code opened}, {@code assigned}, ...
 * @param issue the issue
 * @param assigneeLogin for assigned/unassigned: the user (un)assigned, or {@code null}
 * @param repositoryFullName {@code owner/repo}
 */
public record IssueEvent(
    String action, Issue issue, String assigneeLogin, String repositoryFullName) {

  /** Reads a payload; the assignee falls back to the issue's assignee as GitHub documents. */
  public static IssueEvent of(JsonNode payload) {
    JsonNode assignee = payload.path("assignee");
    if (!assignee.isObject()) {
      assignee = payload.path("issue").path("assignee");
    }
    String login = assignee.path("login").asText("");
    return new IssueEvent(
        payload.path("action").asText(""),
        Issue.of(payload.path("issue")),
        login.isBlank() ? null : login,
        payload.path("repository").path("full_name").asText(""));
  }
}
