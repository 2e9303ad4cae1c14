package io.timetracker.connector.slack.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.connector.slack.SlackRequests;
import io.timetracker.connector.slack.SlackTestBase;
import io.timetracker.connector.slack.SlackTestResources;
import io.timetracker.testsupport.Fuzz;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated Slack requests at the command and events URLs: correctly signed but broken
 * bodies, wrong signatures and odd timestamps. Never a 5xx, every refusal a problem document, and a
 * request whose signature does not hold starts nothing. Cases are drawn from a seed ({@code
 * -Dfuzz.seed=N} reruns another set; a failure names its seed and case).
 */
@QuarkusTest
class SlackFuzzTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;
  private static final String COMMANDS = "/api/integrations/slack/commands/" + ALPHA;
  private static final String EVENTS = "/api/integrations/slack/events/" + ALPHA;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final byte[] EVENT =
      ("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"team_id\":\""
              + ALPHA
              + "\",\"api_app_id\":"
              + "\"A123456\",\"event\":{\"type\":\"app_mention\",\"user\":\"U0ALICE\",\"text\":"
              + "\"<@U0BOT> status\",\"ts\":\"1515449522.000016\",\"channel\":\"C2147483705\"},"
              + "\"type\":\"event_callback\",\"event_id\":\"Ev0PV52K21\",\"event_time\":1515449522}")
          .getBytes(StandardCharsets.UTF_8);

  @TestHTTPResource("/")
  URI root;

  @Test
  void correctlySignedButMutatedCommandsAndEventsAreAnsweredWithoutA5xx() throws Exception {
    byte[] command = SlackRequests.command(ALPHA, "U0ALICE", "status", SlackRequests.trigger());
    List<byte[]> commands = Fuzz.sample(Fuzz.mutationsOf(command), Fuzz.SEED, 1000);
    List<byte[]> events = Fuzz.sample(Fuzz.mutationsOf(EVENT), Fuzz.SEED + 1, 1000);
    for (int i = 0; i < commands.size(); i++) {
      byte[] body = commands.get(i);
      expectNoServerError(
          post(COMMANDS, FORM, body, now(), sign(now(), body)), "signed command", i);
    }
    for (int i = 0; i < events.size(); i++) {
      byte[] body = events.get(i);
      expectNoServerError(post(EVENTS, JSON, body, now(), sign(now(), body)), "signed event", i);
    }
  }

  @Test
  void aWrongSignatureOrTimestampIsRefusedAndStartsNothing() throws Exception {
    byte[] start = SlackRequests.command(ALPHA, "U0ALICE", "start web", SlackRequests.trigger());
    String right = sign(now(), start);
    List<String> wrong = Fuzz.sample(Fuzz.wrongSignatures(right), Fuzz.SEED, 700);
    List<String> timestamps = Fuzz.sample(Fuzz.headerValues(), Fuzz.SEED + 2, 500);
    for (int i = 0; i < wrong.size(); i++) {
      HttpResponse<String> answer = post(COMMANDS, FORM, start, now(), wrong.get(i));
      assertThat(answer.statusCode())
          .as(Fuzz.caseOf("wrong signature", i, Fuzz.SEED))
          .isEqualTo(401);
      assertThat(answer.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    for (int i = 0; i < timestamps.size(); i++) {
      // signed over the odd timestamp: only a timestamp within five minutes of now may pass
      String ts = timestamps.get(i);
      String signature = sign(ts, start);
      HttpResponse<String> answer = post(COMMANDS, FORM, start, ts, signature);
      assertThat(answer.statusCode())
          .as(Fuzz.caseOf("timestamp " + ts, i, Fuzz.SEED))
          .isEqualTo(401);
    }

    verify(core, never()).startTimer(anyLong(), any());
  }

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  private static String now() {
    return Long.toString(Instant.now().getEpochSecond());
  }

  /** Slack's v0 signature over any timestamp text (the kit's signer takes only numbers). */
  private static String sign(String timestamp, byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              ALPHA_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(
      String path, String type, byte[] body, String timestamp, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(root.resolve(path.substring(1)))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", type)
            .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    Fuzz.header(request, "X-Slack-Request-Timestamp", timestamp);
    Fuzz.header(request, "X-Slack-Signature", signature);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expectNoServerError(HttpResponse<String> answer, String what, int i) {
    Fuzz.expectNoServerError(answer, Fuzz.caseOf(what, i, Fuzz.SEED));
  }
}
