package io.timetracker.connector.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timetracker.connector.kit.signature.GitHubSignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * GitHub {@code issues} deliveries in GitHub's documented shape (abridged to what a real payload
 * always carries), and the headers GitHub sends with them.
 */
public final class Deliveries {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Deliveries() {}

  /** An {@code issues} payload. */
  public static byte[] issue(
      String action, String repo, int number, String title, List<String> labels, String assignee) {
    ObjectNode root = JSON.createObjectNode();
    root.put("action", action);
    ObjectNode issue = root.putObject("issue");
    String owner = repo.split("/")[0];
    issue.put("url", "https://api.github.com/repos/" + repo + "/issues/" + number);
    issue.put("html_url", "https://github.com/" + repo + "/issues/" + number);
    issue.put("id", 1_000_000L + number);
    issue.put("node_id", "I_kwDOA" + number);
    issue.put("number", number);
    issue.put("title", title);
    issue.putObject("user").put("login", owner).put("id", 1).put("type", "User");
    ArrayNode labelNodes = issue.putArray("labels");
    for (String l : labels) {
      labelNodes.addObject().put("id", l.hashCode()).put("name", l).put("color", "d73a4a");
    }
    issue.put("state", "closed".equals(action) ? "closed" : "open");
    issue.put("locked", false);
    ArrayNode assignees = issue.putArray("assignees");
    if (assignee != null) {
      issue.putObject("assignee").put("login", assignee).put("id", 2).put("type", "User");
      assignees.addObject().put("login", assignee).put("id", 2);
      if (action.equals("assigned") || action.equals("unassigned")) {
        root.putObject("assignee").put("login", assignee).put("id", 2).put("type", "User");
      }
    } else {
      issue.putNull("assignee");
    }
    issue.put("comments", 0);
    issue.put("created_at", "2026-11-25T10:00:00Z");
    issue.put("updated_at", "2026-11-25T10:05:00Z");
    issue.put("author_association", "OWNER");
    issue.put("body", "Steps to reproduce:\n1. open the page\n2. see the error");
    ObjectNode repository = root.putObject("repository");
    repository.put("id", Math.abs(repo.hashCode()));
    repository.put("name", repo.split("/")[1]);
    repository.put("full_name", repo);
    repository.put("private", false);
    repository.putObject("owner").put("login", owner).put("id", 1);
    root.putObject("sender").put("login", owner).put("id", 1).put("type", "User");
    return bytes(root);
  }

  /** A {@code ping} payload. */
  public static byte[] ping(String repo) {
    ObjectNode root = JSON.createObjectNode();
    root.put("zen", "Keep it logically awesome.");
    root.put("hook_id", 123456);
    root.putObject("hook").put("type", "Repository").put("active", true);
    root.putObject("repository").put("full_name", repo);
    return bytes(root);
  }

  /** A {@code push} payload (not handled). */
  public static byte[] push(String repo) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ref", "refs/heads/main");
    root.put("before", "0000000000000000000000000000000000000000");
    root.put("after", "1111111111111111111111111111111111111111");
    root.putObject("repository").put("full_name", repo);
    return bytes(root);
  }

  /** A fresh delivery id (GitHub sends a GUID). */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The {@code X-Hub-Signature-256} value GitHub computes. */
  public static String sign(String secret, byte[] body) {
    return GitHubSignatureVerifier.sign(secret, body);
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
