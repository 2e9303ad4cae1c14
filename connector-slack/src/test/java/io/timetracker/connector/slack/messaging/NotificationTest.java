package io.timetracker.connector.slack.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.slack.SlackApiResource;
import io.timetracker.connector.slack.SlackTestBase;
import io.timetracker.connector.slack.SlackTestResources;
import io.timetracker.connector.slack.TestTokens;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.contracts.event.TimeEntryStarted;
import io.timetracker.contracts.event.TimeEntryStopped;
import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.InProcessKafkaResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timer events published on the real broker (as the core's relay publishes them, CloudEvents binary
 * mode) become channel posts at the WireMock Slack.
 */
@QuarkusTest
class NotificationTest extends SlackTestBase {

  private static final Class<?> RESOURCES = SlackTestResources.class;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @BeforeEach
  void aliceWantsStartAndStopPosts() {
    link("alice", "U0ALICE");
    when(core.allowedProjects(eq(ALICE), isNull()))
        .thenReturn(Uni.createFrom().item(projects(project(3, "Backoffice"))));
  }

  @Test
  void aTimerStartedOutsideSlackIsPostedOnceEvenWhenTheEventIsRedelivered() {
    settings("C0ONCE");
    stubPosts("C0ONCE", 200, null);
    String startId = UUID.randomUUID().toString();

    publish(EventTypes.TIME_ENTRY_STARTED, startId, started());
    publish(EventTypes.TIME_ENTRY_STARTED, startId, started()); // redelivered
    publish(EventTypes.TIME_ENTRY_STOPPED, UUID.randomUUID().toString(), stopped());

    // the stop comes after the redelivery on the same partition (key = user id)
    await().atMost(WAIT).untilAsserted(() -> assertThat(posts("C0ONCE", "stopped")).isEqualTo(1));
    assertThat(posts("C0ONCE", "started")).isEqualTo(1);
    SlackApiResource.server()
        .verify(
            postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + ALPHA_TOKEN))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0ONCE")))
                .withRequestBody(matchingJsonPath("$.blocks[0].type", equalTo("section")))
                .withRequestBody(
                    matchingJsonPath("$.text", WireMock.containing("*Project:* Backoffice"))));
  }

  @Test
  void aRateLimitedPostIsPostedAfterSlacksRetryAfterOnce() {
    settings("C0LIMIT");
    stubPosts("C0LIMIT", 429, "2");

    publish(EventTypes.TIME_ENTRY_STARTED, UUID.randomUUID().toString(), started());

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(SlackApiResource.server().findAll(toChannel("C0LIMIT")).size())
                    .isEqualTo(2));
    await().atMost(WAIT).untilAsserted(() -> assertThat(postedRows("C0LIMIT")).isEqualTo(1));
    assertThat(SlackApiResource.server().findAll(toChannel("C0LIMIT"))).hasSize(2);
  }

  @Test
  void aSlackOutageLongerThanFiveAttemptsIsWaitedOutAndPostedOnceNotDeadLettered() {
    // the fault harness (deploy/local/faults.sh) saw a post dead-lettered when Slack answered 500
    // for 8 s and then 429 for 8 s: five attempts were spent within 15 s
    settings("C0OUTAGE");
    stubFailing("C0OUTAGE", 500, 7);

    publish(EventTypes.TIME_ENTRY_STARTED, UUID.randomUUID().toString(), started());

    await().atMost(Duration.ofSeconds(60)).until(() -> postedRows("C0OUTAGE") == 1);
    assertThat(SlackApiResource.server().findAll(toChannel("C0OUTAGE"))).hasSize(8);
  }

  @Test
  void anEventReadWhileTheDatabaseIsDownIsPostedOnceItIsBackNotDeadLettered() throws Exception {
    // the fault harness (deploy/local/faults.sh) saw a post dead-lettered during a PostgreSQL
    // restart
    settings("C0DBDOWN");
    stubPosts("C0DBDOWN", 200, null);

    EmbeddedPostgresResource.stopServer();
    try {
      publish(EventTypes.TIME_ENTRY_STARTED, UUID.randomUUID().toString(), started());
      Thread.sleep(3000); // the consumer reads the record and finds its database down
    } finally {
      EmbeddedPostgresResource.startServer();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> postedRows("C0DBDOWN") == 1);
    assertThat(SlackApiResource.server().findAll(toChannel("C0DBDOWN"))).hasSize(1);
  }

  @Test
  void noPostWhenTheUserDidNotAskForIt() {
    settings("C0QUIET", false);
    stubPosts("C0QUIET", 200, null);
    String id = UUID.randomUUID().toString();

    publish(EventTypes.TIME_ENTRY_STARTED, id, started());
    publish(EventTypes.TIME_ENTRY_STOPPED, UUID.randomUUID().toString(), stopped());

    await().atMost(WAIT).untilAsserted(() -> assertThat(posts("C0QUIET", "stopped")).isEqualTo(1));
    assertThat(posts("C0QUIET", "started")).isZero();
  }

  private void settings(String channel) {
    settings(channel, true);
  }

  private void settings(String channel, boolean onStart) {
    given()
        .auth()
        .oauth2(TestTokens.user("alice"))
        .contentType(ContentType.JSON)
        .body(Map.of("channelId", channel, "notifyOnStart", onStart, "notifyOnStop", true))
        .put("/api/integrations/slack/config")
        .then()
        .statusCode(200);
  }

  private static void stubPosts(String channel, int firstStatus, String retryAfter) {
    var ok =
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700000000.000100\"}");
    if (firstStatus == 200) {
      SlackApiResource.server()
          .stubFor(
              post(urlEqualTo("/api/chat.postMessage"))
                  .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                  .willReturn(ok));
      return;
    }
    SlackApiResource.server()
        .stubFor(
            post(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                .inScenario(channel)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                    aResponse()
                        .withStatus(firstStatus)
                        .withHeader("Retry-After", retryAfter)
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("waited"));
    SlackApiResource.server()
        .stubFor(
            post(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                .inScenario(channel)
                .whenScenarioStateIs("waited")
                .willReturn(ok));
  }

  /** Posts to the channel answered with STATUS the first TIMES times, then accepted. */
  private static void stubFailing(String channel, int status, int times) {
    for (int i = 0; i < times; i++) {
      SlackApiResource.server()
          .stubFor(
              post(urlEqualTo("/api/chat.postMessage"))
                  .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                  .inScenario(channel)
                  .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                  .willReturn(aResponse().withStatus(status).withBody("oops"))
                  .willSetStateTo("failed-" + (i + 1)));
    }
    SlackApiResource.server()
        .stubFor(
            post(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                .inScenario(channel)
                .whenScenarioStateIs("failed-" + times)
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"ok\":true,\"channel\":\""
                                + channel
                                + "\",\"ts\":\"1700000000.000300\"}")));
  }

  private static RequestPatternBuilder toChannel(String channel) {
    return postRequestedFor(urlEqualTo("/api/chat.postMessage"))
        .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)));
  }

  private static int posts(String channel, String verb) {
    return SlackApiResource.server()
        .findAll(
            toChannel(channel)
                .withRequestBody(
                    matchingJsonPath("$.text", WireMock.containing(verb + " a timer"))))
        .size();
  }

  private long postedRows(String channel) {
    return pool.preparedQuery("SELECT count(*) FROM slack_post WHERE channel_id = $1")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(channel))
        .map(rows -> rows.iterator().next().getLong(0))
        .await()
        .atMost(WAIT);
  }

  private static TimeEntryStarted started() {
    return new TimeEntryStarted(
        41, ALICE, 3, null, Instant.parse("2026-03-02T08:15:00Z"), null, "timer", null, 0);
  }

  private static TimeEntryStopped stopped() {
    return new TimeEntryStopped(
        41,
        ALICE,
        3,
        null,
        Instant.parse("2026-03-02T08:15:00Z"),
        Instant.parse("2026-03-02T09:15:00Z"),
        3600,
        null,
        true,
        "timer",
        null,
        1);
  }

  private static void publish(String type, String id, Object payload) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessKafkaResource.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              EventTypes.TIME_ENTRIES_TOPIC, Long.toString(ALICE), JSON.writeValueAsBytes(payload));
      header(record, CloudEventHeaders.ID, id);
      header(record, CloudEventHeaders.TYPE, type);
      header(record, CloudEventHeaders.SOURCE, "/timer-service");
      header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
      header(record, CloudEventHeaders.SUBJECT, "time-entries/41");
      header(record, CloudEventHeaders.TIME, Instant.now().toString());
      header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
    r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
