package io.timetracker.connector.kit.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.timetracker.contracts.client.CoreNotFoundException;
import io.timetracker.contracts.client.CoreUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kit's core client against a core that is down and comes back: the core is a closed port
 * first, then a small real HTTP server (Vert.x) on that port standing in for timer-service's
 * service API. Breaker values for the {@code timer} operation come from the test configuration.
 */
@QuarkusTest
@QuarkusTestResource(CorePortResource.class)
class TimerServiceFaultToleranceTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TIMER_BREAKER = TimerService.BREAKER_PREFIX + "timer";

  @Inject TimerService core;
  @Inject CircuitBreakerMaintenance breakers;
  @Inject Vertx vertx;

  private final AtomicInteger hits = new AtomicInteger();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private HttpServer server;

  @BeforeEach
  void closedBreakers() {
    breakers.resetAll();
  }

  @AfterEach
  void coreDownAgain() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      server = null;
    }
  }

  @Test
  void breakerOpensWhileTheCoreIsDownAndClosesAfterItIsBack() throws Exception {
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      failures.add(catchThrowable(() -> core.timer(1).await().atMost(WAIT)));
    }
    assertThat(failures)
        .allSatisfy(
            f ->
                assertThat(f)
                    .isNotInstanceOf(CircuitBreakerOpenException.class)
                    .hasRootCauseInstanceOf(ConnectException.class));
    assertThat(breakers.currentState(TIMER_BREAKER)).isEqualTo(CircuitBreakerState.OPEN);
    assertThatThrownBy(() -> core.timer(1).await().atMost(WAIT))
        .isInstanceOf(CircuitBreakerOpenException.class);
    int refusedWhileOpen = hits.get();

    startCore();
    Awaitility.await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> !core.timer(1).await().atMost(WAIT).running());

    assertThat(refusedWhileOpen).isZero();
    assertThat(breakers.currentState(TIMER_BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void aServerErrorIsRetriedUntilTheCoreAnswers() throws Exception {
    statuses.add(503);
    statuses.add(502);
    startCore();

    var summary = core.todaySummary(1).await().atMost(WAIT);

    assertThat(summary.seconds()).isEqualTo(90);
    assertThat(hits.get()).isEqualTo(3);
  }

  @Test
  void aClientErrorIsFinalAndNeverRetried() throws Exception {
    statuses.add(404);
    startCore();

    assertThatThrownBy(() -> core.todaySummary(1).await().atMost(WAIT))
        .isInstanceOf(CoreNotFoundException.class);
    assertThat(hits.get()).isEqualTo(1);
  }

  @Test
  void aCoreThatStaysBrokenFailsAsUnavailableAfterTheConfiguredRetries() throws Exception {
    for (int i = 0; i < 5; i++) {
      statuses.add(500);
    }
    startCore();

    assertThatThrownBy(() -> core.todaySummary(1).await().atMost(WAIT))
        .isInstanceOf(CoreUnavailableException.class);
    assertThat(hits.get()).isEqualTo(3);
  }

  private void startCore() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  hits.incrementAndGet();
                  Integer status = statuses.poll();
                  if (status != null) {
                    request
                        .response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", "application/problem+json")
                        .end("{\"status\":" + status + ",\"code\":\"stub_" + status + "\"}");
                    return;
                  }
                  String body =
                      request.path().endsWith("/summary/today")
                          ? "{\"date\":\"2026-01-02\",\"timeZone\":\"UTC\",\"seconds\":90,"
                              + "\"hours\":0.03,\"projects\":1,\"entries\":1}"
                          : "{\"running\":false}";
                  request.response().putHeader("Content-Type", "application/json").end(body);
                })
            .listen(CorePortResource.port(), "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }
}
