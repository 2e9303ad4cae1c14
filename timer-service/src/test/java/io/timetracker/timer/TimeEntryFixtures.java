package io.timetracker.timer;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** Users with a time zone and finished time entries, made through the public API. */
public final class TimeEntryFixtures {
  private TimeEntryFixtures() {}

  /** Signs the user in and sets their IANA time zone; returns their id. */
  public static long userInZone(String token, String zone) {
    long id = Fixtures.userId(token);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("timeZone", zone))
        .patch("/api/v1/me")
        .then()
        .statusCode(200);
    return id;
  }

  /**
   * The instant of a wall-clock time in a zone, e.g. {@code local("Pacific/Auckland",
   * "2026-06-15T00:00")}.
   */
  public static Instant local(String zone, String wallClock) {
    return LocalDateTime.parse(wallClock).atZone(ZoneId.of(zone)).toInstant();
  }

  /** The instant of a wall-clock time with an explicit offset, for times a DST change repeats. */
  public static Instant offset(String dateTimeWithOffset) {
    return OffsetDateTime.parse(dateTimeWithOffset).toInstant();
  }

  /** Records a finished entry; returns its id. */
  public static long entry(String token, long projectId, Instant start, Instant end) {
    return entry(token, projectId, null, start, end, null);
  }

  /** Records a finished entry, optionally on a task and with notes; returns its id. */
  public static long entry(
      String token, long projectId, Long taskId, Instant start, Instant end, String notes) {
    Map<String, Object> body = new HashMap<>();
    body.put("projectId", projectId);
    body.put("start", start.toString());
    body.put("end", end.toString());
    if (taskId != null) {
      body.put("taskId", taskId);
    }
    if (notes != null) {
      body.put("notes", notes);
    }
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/time-entries")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }
}
