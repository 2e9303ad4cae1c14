package io.timetracker.timer.messaging;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.messaging.TopicWatcher.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.CreateTimeEntryRequest;
import io.timetracker.contracts.event.CloudEventHeaders;
import io.timetracker.contracts.event.EventTypes;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import io.timetracker.timer.service.CurrentUser;
import io.timetracker.timer.service.TimeEntryService;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** An event exists only if its change committed. */
@QuarkusTest
class RollbackTest {
  @Inject TimeEntryService entries;
  @Inject Pool pool;

  @Test
  void transactionRolledBackAfterItsChangePublishesNothing() {
    String token = TestTokens.user("events-rollback");
    long user = Fixtures.userId(token);
    long project = Fixtures.projectWithMembers(user);
    CurrentUser caller = CurrentUser.of(user, "events-rollback", "UTC", 1, "nearest", false, true);
    CreateTimeEntryRequest request =
        new CreateTimeEntryRequest(
            project,
            null,
            Instant.parse("2026-03-04T08:00:00Z"),
            Instant.parse("2026-03-04T09:00:00Z"),
            "never committed",
            List.of(),
            true);

    try (TopicWatcher topic = TopicWatcher.fromNow(EventTypes.TIME_ENTRIES_TOPIC)) {
      // the entry and its outbox row are written (and flushed), then the transaction fails
      assertThatThrownBy(
              () ->
                  VertxContextSupport.subscribeAndAwait(
                      () ->
                          Panache.withTransaction(
                              () ->
                                  entries
                                      .create(caller, request, "manual")
                                      .chain(
                                          e ->
                                              Uni.createFrom()
                                                  .failure(
                                                      new IllegalStateException(
                                                          "rolled back after entry " + e.id))))))
          .hasMessageStartingWith("rolled back after entry");

      // a committed change of the same user: same key, same partition, published after
      long marker =
          given()
              .auth()
              .oauth2(token)
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "projectId", project,
                      "start", "2026-03-04T10:00:00Z",
                      "end", "2026-03-04T11:00:00Z"))
              .post("/api/v1/time-entries")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");

      List<ConsumerRecord<String, byte[]>> records =
          topic.awaitUpTo(
              r -> String.valueOf(user).equals(r.key()),
              r -> ("time-entries/" + marker).equals(header(r, CloudEventHeaders.SUBJECT)),
              Duration.ofSeconds(30));
      assertThat(records)
          .extracting(r -> header(r, CloudEventHeaders.SUBJECT))
          .containsExactly("time-entries/" + marker);
      assertThat(
              new OutboxDatabase(pool)
                  .rows(EventTypes.TIME_ENTRIES_TOPIC, List.of(String.valueOf(user))))
          .isEqualTo(1);
    }
  }
}
