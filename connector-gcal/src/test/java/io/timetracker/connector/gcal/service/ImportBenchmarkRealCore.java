package io.timetracker.connector.gcal.service;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.timetracker.connector.gcal.GoogleFake.google;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.CalendarJson;
import io.timetracker.connector.gcal.GoogleApiResource;
import io.timetracker.connector.gcal.GoogleFake;
import io.timetracker.connector.gcal.PerUserRateLimit;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.gcal.repository.SyncRunRepository;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobRunner;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The import benchmark against the real core (bench/gcal-import.sh with {@code BENCH_CORE=stack};
 * not part of the normal test run: its name does not end in Test): like {@link ImportBenchmark}
 * ({@code bench.connections} connections × {@code bench.events} timed events in two pages, the
 * WireMock Google with its per-user budget, two replicas' worth of schedulers), but nothing of the
 * core is mocked: the connector's core client writes to the timer-service of a running local stack
 * ({@code quarkus.rest-client.timer-service.url}) with a client-credentials token of the stack's
 * Keycloak ({@code quarkus.oidc-client.core.*}). The script creates the core's users (ids in the
 * file {@code bench.core-users}, one a line) and the project they may book on ({@code
 * bench.core-project}), and checks the core's entries afterwards; the connector's own tables stay
 * in the embedded PostgreSQL. Passes when every connection was imported once, every event has
 * exactly one link to a core entry, rate limits were hit, no call came before its Retry-After, and
 * it took at most {@code bench.time-limit-s} (default 120) seconds.
 */
@QuarkusTest
class ImportBenchmarkRealCore {

  private static final int CONNECTIONS = Integer.getInteger("bench.connections", 1000);
  private static final int EVENTS = Integer.getInteger("bench.events", 50);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
  private static final long USER_WINDOW_MS = Long.getLong("bench.user-window-ms", 1000);
  private static final Duration ROUND_LIMIT = Duration.ofMinutes(3);
  private static final int SEED_BATCH = 100;
  private static final String EVENTS_PATH = "/calendar/v3/calendars/primary/events";
  private static final long PROJECT = Long.getLong("bench.core-project", 0);
  private static final long TIME_LIMIT_S = Long.getLong("bench.time-limit-s", 120);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject SecretCipher cipher;
  @Inject JobClaimer claimer;
  @Inject ConnectionRepository connections;
  @Inject SyncRunRepository runs;
  @Inject SyncService sync;
  @Inject GcalConfig config;
  @Inject Clock clock;
  @Inject Pool pool;

  private List<Long> users;

  @BeforeEach
  void resetWorld() throws IOException {
    GoogleFake.google().resetAll();
    await(
        pool.query(
                "TRUNCATE gcal_connection, gcal_event_link, gcal_sync_run, oauth_state,"
                    + " connector_job, inbox_delivery, processed_event CASCADE")
            .execute());
    users =
        Files.readAllLines(Path.of(System.getProperty("bench.core-users"))).stream()
            .filter(l -> !l.isBlank())
            .map(l -> Long.parseLong(l.trim()))
            .toList();
    assertThat(users).as("core users created by the script").hasSize(CONNECTIONS);
    assertThat(PROJECT).as("bench.core-project").isPositive();
  }

  @Test
  void importsIntoTheRealCore() throws IOException {
    stubTwoPages();
    seedConnections();
    ImportScheduler scheduler =
        new ImportScheduler(
            new JobRunner(claimer),
            claimer,
            connections,
            runs,
            sync,
            withConcurrency(config),
            clock);

    long started = System.nanoTime();
    long cpuBefore = processCpuNanos();
    int imported = 0;
    int round;
    do {
      round =
          Uni.combine()
              .all()
              .unis(scheduler.runDue(), scheduler.runDue())
              .with((a, b) -> a + b)
              .await()
              .atMost(ROUND_LIMIT);
      imported += round;
    } while (round > 0);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;

    long tooMany = served(429);
    long forbidden = served(403);
    long calls = served(200);
    long early = GoogleApiResource.rateLimit().early();
    long linked =
        await(
                pool.query("SELECT count(*) FROM gcal_event_link WHERE entry_id IS NOT NULL")
                    .execute())
            .iterator()
            .next()
            .getLong(0);
    String result =
        String.format(
            "BENCH gcal-import core=stack connections=%d events=%d linked_entries=%d seconds=%.1f"
                + " jvm_cpu_seconds=%.1f load_average=%.1f"
                + " google_calls_200=%d google_429=%d google_403_rate_limit=%d"
                + " calls_before_retry_after=%d user_budget=1/%dms concurrency=%dx2",
            CONNECTIONS,
            EVENTS,
            linked,
            took.toMillis() / 1000.0,
            cpuSeconds,
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(),
            calls,
            tooMany,
            forbidden,
            early,
            USER_WINDOW_MS,
            CONCURRENCY);
    System.out.println(result);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/gcal-import-real-core.txt"), result + "\n");
    assertThat(imported).isEqualTo(CONNECTIONS);
    assertThat(linked)
        .as("each event linked to one core entry (the script counts the core's entries)")
        .isEqualTo((long) CONNECTIONS * EVENTS);
    assertThat(tooMany).as("429 answers").isPositive();
    assertThat(forbidden).as("403 rateLimitExceeded answers").isPositive();
    assertThat(early).as("calls before Retry-After had passed").isZero();
    assertThat(calls).as("two pages per connection").isEqualTo(2L * CONNECTIONS);
    assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(TIME_LIMIT_S));
  }

  private void stubTwoPages() {
    GoogleApiResource.rateLimit().reset(USER_WINDOW_MS);
    Instant day = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      Instant start = day.plus(Duration.ofMinutes(30L * i));
      String event =
          CalendarJson.timed("ev" + i, "Meeting " + i, start, start.plusSeconds(1200), "e" + i);
      (i < EVENTS / 2 ? first : second).add(event);
    }
    google()
        .stubFor(
            get(urlPathEqualTo(EVENTS_PATH))
                .withQueryParam("pageToken", absent())
                .willReturn(
                    okJson(CalendarJson.page(first, "p2", null))
                        .withTransformers(PerUserRateLimit.NAME)));
    google()
        .stubFor(
            get(urlPathEqualTo(EVENTS_PATH))
                .withQueryParam("pageToken", equalTo("p2"))
                .willReturn(
                    okJson(CalendarJson.page(second, null, "sync-1"))
                        .withTransformers(PerUserRateLimit.NAME)));
  }

  private void seedConnections() {
    for (int from = 0; from < CONNECTIONS; from += SEED_BATCH) {
      List<Uni<Void>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(CONNECTIONS, from + SEED_BATCH); i++) {
        batch.add(seed(i));
      }
      await(Uni.join().all(batch).andFailFast().replaceWithVoid());
    }
  }

  private Uni<Void> seed(int i) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery(
            "INSERT INTO gcal_connection (id, owner_subject, user_id, access_token,"
                + " token_expires_at, default_project_id, active, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, now() + interval '1 hour', $5, true, now(), now())")
        .execute(
            Tuple.tuple(
                List.of(
                    id,
                    "gcalbench-sub-" + i,
                    users.get(i),
                    cipher.encrypt("ya29.bench-" + i, "gcal_connection:" + id + ":access_token"),
                    PROJECT)))
        .chain(() -> claimer.schedule(id.toString(), ImportScheduler.JOB, clock.instant()));
  }

  /**
   * CPU time of this JVM (connector code and WireMock Google; the core runs in its own process).
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(WAIT);
  }

  private static long served(int status) {
    return google().getAllServeEvents().stream()
        .map(ServeEvent::getResponse)
        .filter(r -> r.getStatus() == status)
        .count();
  }

  private static GcalConfig withConcurrency(GcalConfig base) {
    GcalConfig.Import im = base.importing();
    GcalConfig.Import wider =
        (GcalConfig.Import)
            java.lang.reflect.Proxy.newProxyInstance(
                GcalConfig.Import.class.getClassLoader(),
                new Class<?>[] {GcalConfig.Import.class},
                (proxy, method, args) ->
                    method.getName().equals("maxConcurrent")
                        ? CONCURRENCY
                        : method.invoke(im, args));
    return (GcalConfig)
        java.lang.reflect.Proxy.newProxyInstance(
            GcalConfig.class.getClassLoader(),
            new Class<?>[] {GcalConfig.class},
            (proxy, method, args) ->
                method.getName().equals("importing") ? wider : method.invoke(base, args));
  }
}
