package io.timetracker.timer.messaging;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.messaging.TopicWatcher.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.testsupport.InProcessKafkaResource;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Events committed while Kafka is down are published once it is back: all, in order, once. */
@QuarkusTest
class BrokerOutageTest {
  private static final int USERS = 20;
  private static final int PAIRS_PER_USER = 10;
  private static final Pattern BACKLOG =
      Pattern.compile("(?m)^tt_outbox_backlog_events(?:\\{[^}]*\\})? ([0-9.E+]+)$");

  @Inject Pool pool;

  @Test
  void eventsCommittedWhileTheBrokerIsDownArriveAfterwardsInCommitOrderOnce() throws Exception {
    OutboxDatabase db = new OutboxDatabase(pool);
    List<String> tokens = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String token = TestTokens.user("outage-" + i);
      tokens.add(token);
      keys.add(String.valueOf(Fixtures.userId(token)));
    }
    long project = Fixtures.projectWithMembers(keys.stream().mapToLong(Long::parseLong).toArray());
    Map<String, List<String>> committed = new LinkedHashMap<>();

    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TIME_ENTRIES_TOPIC)) {
      InProcessKafkaResource.stopBroker();
      try {
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<List<String>>> perUser = new ArrayList<>();
        for (String token : tokens) {
          perUser.add(clients.submit(() -> startStopPairs(token, project)));
        }
        for (int i = 0; i < USERS; i++) {
          committed.put(keys.get(i), perUser.get(i).get());
        }
        clients.shutdown();

        // nothing could be published: every event is still pending, and the gauge says so
        assertThat(db.pending(EventTypes.TIME_ENTRIES_TOPIC, keys))
            .isEqualTo(USERS * PAIRS_PER_USER * 2);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> backlogGauge() >= USERS * PAIRS_PER_USER * 2);
        // readiness reports it and stays UP: the API keeps accepting changes into the outbox
        await().atMost(Duration.ofSeconds(30)).until(() -> kafkaBroker().equals("unreachable"));
        assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(200);
      } finally {
        InProcessKafkaResource.startBroker();
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> kafkaBroker().equals("reachable"));

      List<ConsumerRecord<String, byte[]>> records =
          topic.await(
              r -> keys.contains(r.key()), USERS * PAIRS_PER_USER * 2, Duration.ofMinutes(3));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> db.pending(EventTypes.TIME_ENTRIES_TOPIC, keys) == 0);

      assertThat(records).hasSize(USERS * PAIRS_PER_USER * 2);
      assertThat(records.stream().map(r -> header(r, CloudEventHeaders.ID)).distinct())
          .hasSize(USERS * PAIRS_PER_USER * 2);
      Map<String, List<String>> published =
          records.stream()
              .collect(
                  Collectors.groupingBy(
                      ConsumerRecord::key,
                      Collectors.mapping(BrokerOutageTest::typeAndSubject, Collectors.toList())));
      assertThat(published).isEqualTo(committed);
      // the log itself holds each event once: no duplicate was written and then skipped above
      assertThat(topic.writtenSinceStart()).isEqualTo(USERS * PAIRS_PER_USER * 2);
    }
  }

  /** Starts and stops the user's timer, answering the events each commit must produce. */
  private static List<String> startStopPairs(String token, long project) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < PAIRS_PER_USER; i++) {
      long entry =
          given()
              .auth()
              .oauth2(token)
              .contentType(ContentType.JSON)
              .body(Map.of("projectId", project))
              .post("/api/v1/timer/start")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");
      events.add(EventTypes.TIME_ENTRY_STARTED + " time-entries/" + entry);
      given().auth().oauth2(token).post("/api/v1/timer/stop").then().statusCode(200);
      events.add(EventTypes.TIME_ENTRY_STOPPED + " time-entries/" + entry);
    }
    return events;
  }

  private static String typeAndSubject(ConsumerRecord<String, byte[]> r) {
    return header(r, CloudEventHeaders.TYPE) + " " + header(r, CloudEventHeaders.SUBJECT);
  }

  /** What the readiness check {@code kafka} says of the broker. */
  private static String kafkaBroker() {
    String broker =
        given()
            .get("/q/health/ready")
            .jsonPath()
            .getString("checks.find { it.name == 'kafka' }.data.broker");
    return String.valueOf(broker);
  }

  private static double backlogGauge() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = BACKLOG.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
