package io.timetracker.timer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.text.MatchesPattern.matchesPattern;

import io.restassured.response.ValidatableResponse;

/** Checks that an answer is one of our RFC 9457 problems with a given status and code. */
public final class Problems {
  /** What would betray a stack trace or a Java class name in a detail. */
  private static final String LEAK = "(?s).*(Exception|\\bat [a-z]+\\.|io\\.timetracker|\\.java).*";

  private Problems() {}

  /** Asserts status, media type, code and the problem members; returns the answer for more. */
  public static ValidatableResponse assertProblem(
      ValidatableResponse response, int status, String code) {
    return response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("code", equalTo(code))
        .body("type", equalTo("/problems/" + code))
        .body("title", notNullValue())
        .body("detail", not(matchesPattern(LEAK)));
  }
}
