package io.timetracker.timer;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Creates users, clients and projects through the public API, as an admin would. */
public final class Fixtures {

  private Fixtures() {}

  // a fresh token per call: the stand-in's tokens expire after minutes, and the suite runs longer
  // than that on a busy machine
  private static String admin() {
    return TestTokens.admin("fixture-admin");
  }

  /** Signs a user in (creating them) and returns their id. */
  public static long userId(String token) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** A fresh active project with the given users as members; returns its id. */
  public static long projectWithMembers(long... userIds) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    long clientId =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body(Map.of("name", "Client " + suffix))
            .post("/api/v1/clients")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long projectId =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body(Map.of("clientId", clientId, "name", "Project " + suffix))
            .post("/api/v1/projects")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    for (long userId : userIds) {
      given()
          .auth()
          .oauth2(admin())
          .contentType(ContentType.JSON)
          .body(Map.of("userId", userId))
          .post("/api/v1/projects/" + projectId + "/members")
          .then()
          .statusCode(204);
    }
    return projectId;
  }

  /** Sets a project's status (active, inactive, archived). */
  public static void setProjectStatus(long projectId, String status) {
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(Map.of("status", status))
        .patch("/api/v1/projects/" + projectId)
        .then()
        .statusCode(200);
  }

  /** Deactivates a user, as an admin does. */
  public static void deactivate(long userId) {
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(Map.of("active", false))
        .patch("/api/v1/users/" + userId)
        .then()
        .statusCode(200);
  }
}
