package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Length limits count characters (code points), as the database columns and the connectors do: a
 * 200-character task name of emoji (400 UTF-16 units) fits, 201 characters do not.
 */
@QuarkusTest
class CharacterLimitsTest {
  private static final String EMOJI = "\uD83D\uDE80"; // one code point, two UTF-16 units

  @Test
  void aTaskNameOfTwoHundredEmojiIsAccepted() {
    String token = TestTokens.user("limits-emoji");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));

    createTask(token, project, EMOJI.repeat(200))
        .statusCode(201)
        .body("name", equalTo(EMOJI.repeat(200)));
  }

  @Test
  void aTaskNameOverTwoHundredCharactersIsA400NamingTheField() {
    String token = TestTokens.user("limits-emoji-long");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));

    assertProblem(createTask(token, project, EMOJI.repeat(201)), 400, "validation_failed")
        .body("errors[0].field", equalTo("name"));
  }

  @Test
  void tagsOfEmojiCountCharactersToo() {
    String token = TestTokens.user("limits-emoji-tags");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));

    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "projectId",
                project,
                "start",
                "2026-06-15T08:00:00Z",
                "end",
                "2026-06-15T09:00:00Z",
                "tags",
                java.util.List.of(EMOJI.repeat(50))))
        .post("/api/v1/time-entries")
        .then()
        .statusCode(201);
  }

  private static ValidatableResponse createTask(String token, long project, String name) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project, "name", name))
        .post("/api/v1/tasks")
        .then();
  }
}
