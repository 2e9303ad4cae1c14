package io.timetracker.connector.gcal.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.timetracker.connector.gcal.GoogleFake.google;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.GcalTestBase;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.repository.ConnectionRepository;
import io.timetracker.connector.gcal.repository.SyncRunRepository;
import io.timetracker.connector.kit.crypto.SecretCipher;
import io.timetracker.connector.kit.jobs.JobClaimer;
import io.timetracker.connector.kit.jobs.JobPolicy;
import io.timetracker.connector.kit.jobs.JobRunner;
import io.timetracker.connector.kit.jobs.JobsConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TwoReplicasImportTest extends GcalTestBase {

  private static final int CONNECTIONS = 200;

  @Inject ImportScheduler replicaA;
  @Inject SecretCipher cipher;
  @Inject ConnectionRepository connections;
  @Inject SyncRunRepository runs;
  @Inject SyncService sync;
  @Inject GcalConfig config;
  @Inject Clock clock;
  @Inject JobClaimer claimer;
  @Inject JobsConfig jobs;
  @Inject Vertx vertx;

  @Test
  void eachOfTwoHundredConnectionsIsImportedOncePerCycleByTwoReplicasOverTwoCycles() {
    google()
        .stubFor(
            get(urlPathEqualTo("/calendar/v3/calendars/primary/events"))
                .willReturn(
                    okJson(
                        "{\"kind\":\"calendar#events\",\"items\":[],\"nextSyncToken\":\"s1\"}")));
    for (int i = 0; i < CONNECTIONS; i++) {
      UUID id = UUID.randomUUID();
      await(
          pool.preparedQuery(
                  "INSERT INTO gcal_connection (id, owner_subject, user_id, access_token,"
                      + " token_expires_at, default_project_id, active, created_at, updated_at)"
                      + " VALUES ($1, $2, $3, $4, now() + interval '1 hour', 100, true, now(), now())")
              .execute(
                  Tuple.of(
                      id,
                      "sub-load-" + i,
                      10_000L + i,
                      cipher.encrypt(
                          "ya29.load-" + i, "gcal_connection:" + id + ":access_token"))));
      await(claimer.schedule(id.toString(), ImportScheduler.JOB, clock.instant()));
    }
    Pool otherPool = secondPool();
    JobClaimer otherClaimer = new JobClaimer(otherPool, clock, JobPolicy.of(jobs));
    ImportScheduler replicaB =
        new ImportScheduler(
            new JobRunner(otherClaimer), otherClaimer, connections, runs, sync, config, clock);

    int firstCycle = cycle(replicaB);
    assertThat(firstCycle).isEqualTo(CONNECTIONS);
    assertThat(callsPerToken().values()).hasSize(CONNECTIONS).allMatch(n -> n == 1);
    assertThat(
            row("SELECT count(*) AS n FROM connector_job WHERE due_at > now() + interval '29 minutes'")
                .get("n"))
        .isEqualTo((long) CONNECTIONS);

    sql("UPDATE connector_job SET due_at = now() WHERE job = '" + ImportScheduler.JOB + "'");
    int secondCycle = cycle(replicaB);
    otherPool.close();

    assertThat(secondCycle).isEqualTo(CONNECTIONS);
    assertThat(callsPerToken().values()).hasSize(CONNECTIONS).allMatch(n -> n == 2);
  }

  /** Both replicas claim and run until nothing is due; the number of imports run. */
  private int cycle(ImportScheduler replicaB) {
    int total = 0;
    int round;
    do {
      round =
          await(
              Uni.combine().all().unis(replicaA.runDue(), replicaB.runDue()).with((a, b) -> a + b));
      total += round;
    } while (round > 0);
    return total;
  }

  private static Map<String, Long> callsPerToken() {
    return google()
        .findAll(
            com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/calendar/v3/calendars/primary/events")))
        .stream()
        .map(r -> r.getHeader("Authorization"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private Pool secondPool() {
    var c = ConfigProvider.getConfig();
    String url = c.getValue("quarkus.datasource.reactive.url", String.class);
    PgConnectOptions options =
        PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
            .setUser(c.getValue("quarkus.datasource.username", String.class))
            .setPassword(c.getValue("quarkus.datasource.password", String.class));
    return Pool.pool(vertx, options, new PoolOptions().setMaxSize(8));
  }
}
