package io.timetracker.connector.slack;

import static io.restassured.RestAssured.given;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.connector.kit.signature.SlackSignatureVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Requests built and signed exactly as Slack builds and signs them. */
public final class SlackRequests {

  /** Sends a form body's bytes exactly as signed (RestAssured must not re-encode them). */
  public static final RestAssuredConfig FORM =
      RestAssuredConfig.config()
          .encoderConfig(
              EncoderConfig.encoderConfig()
                  .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT));

  private SlackRequests() {}

  /** The form body of a slash command {@code /tt <text>}. */
  public static byte[] command(String team, String user, String text, String triggerId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
    form.put("team_id", team);
    form.put("team_domain", "example");
    form.put("channel_id", "C2147483705");
    form.put("channel_name", "general");
    form.put("user_id", user);
    form.put("user_name", "Steve");
    form.put("command", "/tt");
    form.put("text", text);
    form.put("api_app_id", "A123456");
    form.put("response_url", "https://hooks.slack.com/commands/1234/" + triggerId);
    form.put("trigger_id", triggerId);
    return form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh trigger id. */
  public static String trigger() {
    return "13345224609." + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** Posts a body signed with {@code secret} at {@code timestamp}. */
  public static Response post(
      String path, String contentType, byte[] body, String secret, long timestamp) {
    return given()
        .config(FORM)
        .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
        .header("X-Slack-Signature", SlackSignatureVerifier.sign(secret, timestamp, body))
        .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
        .contentType(contentType)
        .body(body)
        .post(path);
  }

  /** Posts a slash command signed now. */
  public static Response command(String path, byte[] body, String secret) {
    return post(
        path, "application/x-www-form-urlencoded", body, secret, Instant.now().getEpochSecond());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
