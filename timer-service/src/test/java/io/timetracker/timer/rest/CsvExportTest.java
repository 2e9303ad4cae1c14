package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static io.timetracker.timer.TimeEntryFixtures.entry;
import static io.timetracker.timer.TimeEntryFixtures.local;
import static io.timetracker.timer.TimeEntryFixtures.userInZone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.MutableClock;
import io.timetracker.timer.TestTokens;
import io.timetracker.timer.service.ExportService;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The CSV export: RFC 4180 that parses back exactly, the caller's rows only, streamed. */
@QuarkusTest
class CsvExportTest {
  private static final String AUCKLAND = "Pacific/Auckland";

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.datasource.username")
  String dbUser;

  @ConfigProperty(name = "quarkus.datasource.password")
  String dbPassword;

  @ConfigProperty(name = "timer.export.page-size")
  int pageSize;

  @Test
  void roundTripsNotesWithQuotesCommasNewlinesAndNonAscii() throws IOException {
    String token = TestTokens.user("csv-round-trip");
    long user = userInZone(token, AUCKLAND);
    long project = Fixtures.projectWithMembers(user);
    long task = task(token, project, "Résumé, \"v2\"");
    String notes = "She said \"ship it\", then left\nfor Zürich — 東京 ✓\r\nsecond line";
    long id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "projectId",
                    project,
                    "taskId",
                    task,
                    "start",
                    "2026-06-14T21:30:00Z",
                    "end",
                    "2026-06-14T23:00:00Z",
                    "notes",
                    notes,
                    "tags",
                    List.of("client-x", "urgent"),
                    "billable",
                    false))
            .post("/api/v1/time-entries")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    List<CSVRecord> rows = parse(export(token, "2026-06-15", "2026-06-15"));

    assertThat(rows).hasSize(1);
    CSVRecord row = rows.get(0);
    assertThat(row.getParser().getHeaderNames()).containsExactly(ExportService.HEADER);
    assertThat(row.get("id")).isEqualTo(String.valueOf(id));
    // 21:30 UTC on the 14th is 09:30 on the 15th in Auckland
    assertThat(row.get("date")).isEqualTo("2026-06-15");
    assertThat(row.get("start")).isEqualTo("2026-06-14T21:30:00Z");
    assertThat(row.get("end")).isEqualTo("2026-06-14T23:00:00Z");
    assertThat(row.get("duration_seconds")).isEqualTo("5400");
    assertThat(row.get("duration_hours")).isEqualTo("1.5");
    assertThat(row.get("project")).isEqualTo(projectName(token, project));
    assertThat(row.get("task")).isEqualTo("Résumé, \"v2\"");
    assertThat(row.get("notes")).isEqualTo(notes);
    assertThat(row.get("tags")).isEqualTo("client-x,urgent");
    assertThat(row.get("billable")).isEqualTo("false");
    assertThat(row.get("source")).isEqualTo("manual");
  }

  @Test
  void answersAnAttachmentOfTextCsv() {
    String token = TestTokens.user("csv-headers");
    userInZone(token, AUCKLAND);

    Response response = exportResponse(token, "2026-06-15", "2026-06-15");

    assertThat(response.contentType()).isEqualToIgnoringCase("text/csv;charset=UTF-8");
    assertThat(response.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"time-entries.csv\"");
  }

  @Test
  void answersOnlyTheHeaderForARangeWithoutEntries() {
    String token = TestTokens.user("csv-empty");
    userInZone(token, AUCKLAND);

    String body = export(token, "2026-01-01", "2026-01-31");

    assertThat(body).isEqualTo(String.join(",", ExportService.HEADER) + "\r\n");
  }

  @Test
  void exportsOnlyTheCallersOwnEntries() throws IOException {
    String mine = TestTokens.user("csv-owner");
    String theirs = TestTokens.user("csv-colleague");
    long me = userInZone(mine, "UTC");
    long them = userInZone(theirs, "UTC");
    long shared = Fixtures.projectWithMembers(me, them);
    Instant start = Instant.parse("2026-06-15T09:00:00Z");
    long own = entry(mine, shared, start, start.plusSeconds(600));
    entry(theirs, shared, start, start.plusSeconds(900));
    entry(theirs, shared, start.plusSeconds(3600), start.plusSeconds(4000));

    List<CSVRecord> rows = parse(export(mine, "2026-06-15", "2026-06-15"));

    assertThat(rows).extracting(r -> r.get("id")).containsExactly(String.valueOf(own));
  }

  @Test
  void cutsTheRangeAtTheCallersLocalMidnights() throws IOException {
    String token = TestTokens.user("csv-local-days");
    long user = userInZone(token, AUCKLAND);
    long project = Fixtures.projectWithMembers(user);
    entry(token, project, local(AUCKLAND, "2026-06-14T23:59"), local(AUCKLAND, "2026-06-15T00:10"));
    long first =
        entry(
            token,
            project,
            local(AUCKLAND, "2026-06-15T00:00"),
            local(AUCKLAND, "2026-06-15T00:10"));
    long last =
        entry(
            token,
            project,
            local(AUCKLAND, "2026-06-16T23:59"),
            local(AUCKLAND, "2026-06-17T00:10"));
    entry(token, project, local(AUCKLAND, "2026-06-17T00:00"), local(AUCKLAND, "2026-06-17T00:10"));

    List<CSVRecord> rows = parse(export(token, "2026-06-15", "2026-06-16"));

    assertThat(rows)
        .extracting(r -> r.get("id"), r -> r.get("date"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(String.valueOf(first), "2026-06-15"),
            org.assertj.core.groups.Tuple.tuple(String.valueOf(last), "2026-06-16"));
  }

  @Test
  void exportsARunningTimerWithEmptyEndAndDuration() throws IOException {
    QuarkusMock.installMockForType(
        new MutableClock(Instant.parse("2026-06-15T09:00:00Z")), Clock.class);
    String token = TestTokens.user("csv-running");
    long user = userInZone(token, "UTC");
    long project = Fixtures.projectWithMembers(user);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", project))
        .post("/api/v1/timer/start")
        .then()
        .statusCode(201);

    List<CSVRecord> rows = parse(export(token, "2026-06-15", "2026-06-15"));

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("start")).isEqualTo("2026-06-15T09:00:00Z");
    assertThat(rows.get(0).get("end")).isEmpty();
    assertThat(rows.get(0).get("duration_seconds")).isEmpty();
    assertThat(rows.get(0).get("duration_hours")).isEmpty();
    assertThat(rows.get(0).get("source")).isEqualTo("timer");
  }

  @Test
  void streamsEveryRowExactlyOnceInStartOrderAcrossPages() throws Exception {
    String token = TestTokens.user("csv-many-pages");
    long user = userInZone(token, "UTC");
    long project = Fixtures.projectWithMembers(user);
    int count = 1203;
    assertThat(count).isGreaterThan(2 * pageSize);
    List<long[]> inserted = insertEntries(user, project, count);
    // expected order: start time, then id (three entries share each start time)
    inserted.sort(Comparator.<long[]>comparingLong(e -> e[1]).thenComparingLong(e -> e[0]));

    Response response = exportResponse(token, "2026-07-01", "2026-07-01");
    List<CSVRecord> rows = parse(response.asByteArray());

    assertThat(response.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
    assertThat(response.header("Content-Length")).isNull();
    assertThat(rows).hasSize(count);
    assertThat(rows)
        .extracting(r -> Long.parseLong(r.get("id")))
        .containsExactlyElementsOf(inserted.stream().map(e -> e[0]).toList());
  }

  @Test
  void refusesAToDateBeforeTheFromDate() {
    given()
        .auth()
        .oauth2(TestTokens.user("csv-validation"))
        .queryParam("from", "2026-06-15")
        .queryParam("to", "2026-06-14")
        .get("/api/v1/time-entries/export.csv")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("to"));
  }

  @Test
  void refusesAMissingFromDate() {
    given()
        .auth()
        .oauth2(TestTokens.user("csv-validation"))
        .queryParam("to", "2026-06-14")
        .get("/api/v1/time-entries/export.csv")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("from"));
  }

  @Test
  void refusesAnAnonymousCaller() {
    given()
        .queryParam("from", "2026-06-14")
        .queryParam("to", "2026-06-15")
        .get("/api/v1/time-entries/export.csv")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  /**
   * Inserts finished entries straight into the database (far faster than the API), in a shuffled
   * order so that ids do not follow start times; returns {id, start epoch second} pairs.
   */
  private List<long[]> insertEntries(long user, long project, int count) throws SQLException {
    Instant base = Instant.parse("2026-07-01T00:00:00Z");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(1203));
    List<long[]> out = new ArrayList<>();
    String sql =
        "INSERT INTO time_entries (user_id, project_id, start_time, end_time, duration_seconds,"
            + " notes, source) VALUES (?, ?, ?, ?, 30, ?, 'import')";
    try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
        PreparedStatement insert = c.prepareStatement(sql, new String[] {"id", "start_time"})) {
      for (int i : order) {
        Instant start = base.plusSeconds(60L * (i / 3));
        insert.setLong(1, user);
        insert.setLong(2, project);
        insert.setTimestamp(3, Timestamp.from(start));
        insert.setTimestamp(4, Timestamp.from(start.plusSeconds(30)));
        insert.setString(5, "bulk entry " + i);
        insert.addBatch();
      }
      insert.executeBatch();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        while (keys.next()) {
          out.add(
              new long[] {
                keys.getLong("id"), keys.getTimestamp("start_time").toInstant().getEpochSecond()
              });
        }
      }
    }
    assertThat(out).hasSize(count);
    return out;
  }

  private static Response exportResponse(String token, String from, String to) {
    return given()
        .auth()
        .oauth2(token)
        .queryParam("from", from)
        .queryParam("to", to)
        .get("/api/v1/time-entries/export.csv")
        .then()
        .statusCode(200)
        .extract()
        .response();
  }

  private static String export(String token, String from, String to) {
    return new String(exportResponse(token, from, to).asByteArray(), StandardCharsets.UTF_8);
  }

  private static List<CSVRecord> parse(byte[] body) throws IOException {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  private static List<CSVRecord> parse(String body) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
      return parser.getRecords();
    }
  }

  private static String projectName(String token, long id) {
    return given().auth().oauth2(token).get("/api/v1/projects/" + id).then().extract().path("name");
  }

  private static long task(String token, long projectId, String name) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("projectId", projectId, "name", name))
        .post("/api/v1/tasks")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }
}
