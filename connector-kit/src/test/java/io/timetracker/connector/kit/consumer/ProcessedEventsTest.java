package io.timetracker.connector.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Hibernate Reactive variant, on a standalone session factory (no Quarkus boot). */
class ProcessedEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Mutiny.SessionFactory sessions;
  private static ConsumerDatabase db;

  @BeforeAll
  static void sessionFactory() {
    db = ConsumerDatabase.migrated();
    Configuration configuration = new Configuration();
    configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, db.jdbcUrl());
    configuration.setProperty(AvailableSettings.JAKARTA_JDBC_USER, db.name);
    configuration.setProperty(AvailableSettings.JAKARTA_JDBC_PASSWORD, db.name);
    configuration.setProperty(AvailableSettings.SHOW_SQL, "false");
    var registry =
        new ReactiveServiceRegistryBuilder().applySettings(configuration.getProperties()).build();
    sessions = configuration.buildSessionFactory(registry).unwrap(Mutiny.SessionFactory.class);
  }

  @AfterAll
  static void close() {
    sessions.close();
  }

  @Test
  void firstDeliveryIsFirstTimeAndRedeliveryIsNot() {
    assertThat(inTransaction("hr-1")).isTrue();
    assertThat(inTransaction("hr-1")).isFalse();
  }

  @Test
  void rolledBackEffectLeavesTheEventUnprocessed() {
    sessions
        .withTransaction(
            session ->
                ProcessedEvents.firstTime(session, "hr-rollback")
                    .chain(
                        () -> Uni.createFrom().failure(new IllegalStateException("effect failed"))))
        .onFailure()
        .recoverWithNull()
        .await()
        .atMost(WAIT);

    assertThat(inTransaction("hr-rollback")).isTrue();
  }

  @Test
  void pruneDeletesOnlyRowsOlderThanTheRetention() throws Exception {
    db.execute(
        "INSERT INTO processed_event VALUES ('hr-old', now() - interval '40 days'),"
            + " ('hr-recent', now() - interval '2 days')");

    int pruned =
        sessions
            .withTransaction(session -> ProcessedEvents.prune(session, Duration.ofDays(30)))
            .await()
            .atMost(WAIT);

    assertThat(pruned).isEqualTo(1);
    assertThat(db.strings("select event_id from processed_event where event_id like 'hr-%'"))
        .contains("hr-recent")
        .doesNotContain("hr-old");
  }

  private static boolean inTransaction(String eventId) {
    return sessions
        .withTransaction(session -> ProcessedEvents.firstTime(session, eventId))
        .await()
        .atMost(WAIT);
  }
}
