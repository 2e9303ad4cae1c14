package io.timetracker.connector.kit.jobs;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.KitDatabase;
import io.timetracker.connector.kit.MutableClock;
import io.timetracker.connector.kit.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Shared set-up of the JobClaimer tests: real PostgreSQL, reactive client, a hand-moved clock. */
abstract class JobClaimerTestBase {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String SYNC = "github-sync";
  static final Duration LEASE = Duration.ofMinutes(5);
  static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 0);

  static KitDatabase db;
  MutableClock clock;
  JobClaimer claimer;

  @BeforeAll
  static void database() {
    db = KitDatabase.migrated();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void emptyTable() {
    db.execute("truncate connector_job");
    clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    claimer = new JobClaimer(db.pool(), clock, new JobPolicy(LEASE, BACKOFF));
  }

  <T> T await(Uni<T> uni) {
    return uni.await().atMost(WAIT);
  }

  void scheduleDueNow(int connections) {
    for (int i = 1; i <= connections; i++) {
      await(claimer.schedule("conn-" + i, SYNC, clock.instant()));
    }
  }
}
