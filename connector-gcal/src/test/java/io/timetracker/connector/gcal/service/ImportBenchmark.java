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
import io.timetracker.connector.gcal.GcalTestBase;
import io.timetracker.connector.gcal.GoogleApiResource;
import io.timetracker.connector.gcal.PerUserRateLimit;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.gcal.repository.SyncRunRepository;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobRunner;
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
import org.junit.jupiter.api.Test;

/**
 * The import benchmark (bench/gcal-import.sh; not part of the normal test run: its name does not
 * end in Test): {@code bench.connections} connections × {@code bench.events} timed events in two
 * pages each, against the WireMock Google with a per-user budget ({@link PerUserRateLimit}: one
 * call per {@code bench.user-window-ms} per user, refused with 429 + Retry-After or 403
 * rateLimitExceeded), on the real PostgreSQL; the core is the in-memory fake. Two replicas' worth
 * of schedulers run {@code bench.concurrency} imports each. Passes when every event was imported
 * exactly once within 120 s, rate limits were hit, and no call came before its Retry-After.
 */
@QuarkusTest
class ImportBenchmark extends GcalTestBase {

  private static final int CONNECTIONS = Integer.getInteger("bench.connections", 1000);
  private static final int EVENTS = Integer.getInteger("bench.events", 50);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
  private static final long USER_WINDOW_MS = Long.getLong("bench.user-window-ms", 1000);
  private static final Duration ROUND_LIMIT = Duration.ofMinutes(3);
  private static final int SEED_BATCH = 100;
  private static final String EVENTS_PATH = "/calendar/v3/calendars/primary/events";

  @Inject SecretCipher cipher;
  @Inject JobClaimer claimer;
  @Inject ConnectionRepository connections;
  @Inject SyncRunRepository runs;
  @Inject SyncService sync;
  @Inject GcalConfig config;
  @Inject Clock clock;

  @Test
  void importsAThousandConnectionsOfFiftyEventsWithinTwoMinutes() throws IOException {
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
    String result =
        String.format(
            "BENCH gcal-import connections=%d events=%d entries=%d upserts=%d seconds=%.1f"
                + " jvm_cpu_seconds=%.1f load_average=%.1f"
                + " google_calls_200=%d google_429=%d google_403_rate_limit=%d"
                + " calls_before_retry_after=%d user_budget=1/%dms concurrency=%dx2",
            CONNECTIONS,
            EVENTS,
            fakeCore.count(),
            fakeCore.upserts(),
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
    Files.writeString(Path.of("target/bench/gcal-import.txt"), result + "\n");
    assertThat(imported).isEqualTo(CONNECTIONS);
    assertThat(fakeCore.count()).isEqualTo(CONNECTIONS * EVENTS);
    assertThat(fakeCore.upserts())
        .as("each event imported exactly once")
        .isEqualTo(CONNECTIONS * EVENTS);
    assertThat(tooMany).as("429 answers").isPositive();
    assertThat(forbidden).as("403 rateLimitExceeded answers").isPositive();
    assertThat(early).as("calls before Retry-After had passed").isZero();
    assertThat(calls).as("two pages per connection").isEqualTo(2L * CONNECTIONS);
    assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(120));
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
                + " VALUES ($1, $2, $3, $4, now() + interval '1 hour', 100, true, now(), now())")
        .execute(
            Tuple.of(
                id,
                "sub-bench-" + i,
                20_000L + i,
                cipher.encrypt("ya29.bench-" + i, "gcal_connection:" + id + ":access_token")))
        .chain(() -> claimer.schedule(id.toString(), ImportScheduler.JOB, clock.instant()));
  }

  /** CPU time of this JVM (connector code, WireMock Google and the test's in-memory core). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
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
