package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Broken requests get a 4xx problem with a stable code, and write nothing. */
@QuarkusTest
class BadInputTest {
  private static final String TOKEN = TestTokens.user("bad-input");

  @Inject TestDb db;

  private long user;
  private long project;
  private long entriesBefore;

  @BeforeEach
  void memberOfAProject() {
    user = Fixtures.userId(TOKEN);
    project = Fixtures.projectWithMembers(user);
    entriesBefore = db.entriesOf(user);
  }

  /** Quarkus' token parsing failed on a token of dots with a 500 before the refusal filter. */
  @Test
  void aBearerTokenOfOnlyDotsIsRefusedLikeAnyBadToken() {
    for (String dots : List.of(".", "..", "...")) {
      assertProblem(
          given().header("Authorization", "Bearer " + dots).get("/api/v1/timer").then(),
          401,
          "unauthorized");
    }
  }

  @Test
  void malformedJsonIsRefused() {
    assertProblem(
        json().body("{\"projectId\":").post("/api/v1/timer/start").then(), 400, "malformed_json");
    assertNothingWritten();
  }

  /**
   * The document every service of the suite answers for a body that is not JSON; connector-github's
   * {@code ProblemShapeTest} expects exactly the same map for the same request.
   */
  @Test
  void malformedJsonAnswersTheSuitesSharedProblemDocument() {
    String traceId = "0af7651916cd43dd8448eb211c80319c";

    Map<String, Object> body =
        json()
            .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
            .body("{\"projectId\":")
            .post("/api/v1/timer/start")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .as(Map.class);

    assertThat(body)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "type", "/problems/malformed_json",
                "title", "Malformed JSON",
                "status", 400,
                "detail", "The body is not valid JSON.",
                "code", "malformed_json",
                "traceId", traceId));
  }

  @Test
  void wrongFieldTypeNamesTheField() {
    assertProblem(
            json().body("{\"projectId\":\"abc\"}").post("/api/v1/timer/start").then(),
            400,
            "validation_failed")
        .body("errors.field", hasItem("projectId"));
    assertNothingWritten();
  }

  @Test
  void unknownFieldIsRefused() {
    assertProblem(
            json()
                .body("{\"projectId\":" + project + ",\"colour\":\"red\"}")
                .post("/api/v1/timer/start")
                .then(),
            400,
            "validation_failed")
        .body("errors.field", hasItem("colour"));
    assertNothingWritten();
  }

  @Test
  void missingProjectIdNamesTheField() {
    assertProblem(json().body("{}").post("/api/v1/timer/start").then(), 400, "validation_failed")
        .body("errors.field", hasItem("projectId"));
    assertNothingWritten();
  }

  @Test
  void manualEntryEndingBeforeItStartsNamesEnd() {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

    assertProblem(
            json()
                .body(
                    Map.of(
                        "projectId",
                        project,
                        "start",
                        start.toString(),
                        "end",
                        start.minusSeconds(60).toString()))
                .post("/api/v1/time-entries")
                .then(),
            400,
            "validation_failed")
        .body("errors.field", hasItem("end"));
    assertNothingWritten();
  }

  @Test
  void bodyOverTheLimitIsRefusedAsProblem() {
    char[] notes = new char[10 * 1024 * 1024];
    Arrays.fill(notes, 'x');
    String body = "{\"projectId\":" + project + ",\"notes\":\"" + new String(notes) + "\"}";

    assertProblem(json().body(body).post("/api/v1/timer/start").then(), 413, "payload_too_large");
    assertNothingWritten();
  }

  @Test
  void chunkedBodyOverTheLimitIsRefusedAsProblem() {
    byte[] body = new byte[10 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');

    assertProblem(
        json().body(new ByteArrayInputStream(body)).post("/api/v1/timer/start").then(),
        413,
        "payload_too_large");
    assertNothingWritten();
  }

  @Test
  void unparsableQueryParameterNamesIt() {
    assertProblem(
            given()
                .auth()
                .oauth2(TOKEN)
                .queryParam("from", "yesterday")
                .get("/api/v1/time-entries")
                .then(),
            400,
            "validation_failed")
        .body("errors.field", hasItem("from"));
  }

  @Test
  void outOfRangeQueryParameterNamesIt() {
    assertProblem(
            given().auth().oauth2(TOKEN).queryParam("size", 0).get("/api/v1/time-entries").then(),
            400,
            "validation_failed")
        .body("errors.field", hasItem("size"));
  }

  @Test
  void tagsLongerThanTheColumnNameTheField() {
    List<String> tags =
        IntStream.range(0, 20)
            .mapToObj(i -> String.valueOf(i).repeat(50).substring(0, 50))
            .toList();

    assertProblem(
            json()
                .body(Map.of("projectId", project, "tags", tags))
                .post("/api/v1/timer/start")
                .then(),
            400,
            "validation_failed")
        .body("errors.field", hasItem("tags"));
    assertNothingWritten();
  }

  @Test
  void instantOutsideTheStorableRangeIsRefused() {
    assertProblem(
            json()
                .body(
                    Map.of(
                        "projectId",
                        project,
                        "start",
                        "+300000-01-01T00:00:00Z",
                        "end",
                        "+300000-01-01T01:00:00Z"))
                .post("/api/v1/time-entries")
                .then(),
            400,
            "validation_failed")
        .body("errors.field", hasItem("start"));
    assertNothingWritten();
  }

  @Test
  void emptyBodyIsRefused() {
    assertProblem(json().body("").post("/api/v1/timer/start").then(), 400, "validation_failed");
    assertNothingWritten();
  }

  @Test
  void wrongContentTypeIsRefused() {
    assertProblem(
        given()
            .auth()
            .oauth2(TOKEN)
            .contentType(ContentType.TEXT)
            .body("projectId=" + project)
            .post("/api/v1/timer/start")
            .then(),
        415,
        "unsupported_media_type");
    assertNothingWritten();
  }

  @Test
  void staleVersionIsRefused() {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(7200);
    long entry =
        json()
            .body(
                Map.of(
                    "projectId",
                    project,
                    "start",
                    end.minusSeconds(600).toString(),
                    "end",
                    end.toString(),
                    "notes",
                    "first"))
            .post("/api/v1/time-entries")
            .then()
            .statusCode(201)
            .body("version", equalTo(0))
            .extract()
            .jsonPath()
            .getLong("id");
    json()
        .body(Map.of("notes", "second", "version", 0))
        .patch("/api/v1/time-entries/" + entry)
        .then()
        .statusCode(200)
        .body("version", equalTo(1));

    assertProblem(
        json()
            .body(Map.of("notes", "lost update", "version", 0))
            .patch("/api/v1/time-entries/" + entry)
            .then(),
        409,
        "stale_version");
    given()
        .auth()
        .oauth2(TOKEN)
        .get("/api/v1/time-entries/" + entry)
        .then()
        .body("notes", equalTo("second"))
        .body("version", equalTo(1));
  }

  private RequestSpecification json() {
    return given().auth().oauth2(TOKEN).contentType(ContentType.JSON);
  }

  private void assertNothingWritten() {
    assertThat(db.entriesOf(user)).isEqualTo(entriesBefore);
    assertThat(db.runningEntriesOf(user)).isZero();
  }
}
