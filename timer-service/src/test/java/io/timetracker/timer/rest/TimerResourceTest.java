package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TimerResourceTest {

  @Test
  void startThenSecondStartIsRefusedAsProblemJson() {
    String token = TestTokens.user("timer-alice");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));

    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(201)
        .header("Location", notNullValue())
        .body("running", equalTo(true));

    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("timer_already_running"));

    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/timer")
        .then()
        .statusCode(200)
        .body("running", equalTo(true));

    int duration =
        given()
            .auth()
            .oauth2(token)
            .post("/api/v1/timer/stop")
            .then()
            .statusCode(200)
            .body("running", equalTo(false))
            .extract()
            .path("durationSeconds");
    assertThat(duration).isGreaterThanOrEqualTo(0);
  }

  @Test
  void problemNamesTheTraceOfTheRequest() {
    String token = TestTokens.user("timer-trace");
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    given()
        .auth()
        .oauth2(token)
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .post("/api/v1/timer/stop")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("no_active_timer"))
        .body("traceId", equalTo(traceId));
  }
}
