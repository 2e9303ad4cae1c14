package io.timetracker.connector.github.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a GitHub issue this connector uses, from a webhook payload's {@code issue} or an
 * item of the REST API's issue list.
 *
 * @param number issue number
 * @param title title
 * @param body body, or {@code null}
 * @param state {@code open} or {@code closed}
 * @param labels label names in payload order
 * @param pullRequest whether the item is a pull request (the issues API lists both)
 */
public record Issue(
    int number, String title, String body, String state, List<String> labels, boolean pullRequest) {

  /** Reads an issue object; number 0 when absent. */
  public static Issue of(JsonNode node) {
    List<String> labels = new ArrayList<>();
    node.path("labels")
        .forEach(l -> labels.add(l.isTextual() ? l.asText() : l.path("name").asText("")));
    return new Issue(
        node.path("number").asInt(0),
        node.path("title").asText(""),
        node.path("body").isTextual() ? node.path("body").asText() : null,
        node.path("state").asText("open"),
        List.copyOf(labels),
        node.has("pull_request"));
  }
}
