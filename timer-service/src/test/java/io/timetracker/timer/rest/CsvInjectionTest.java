package io.timetracker.timer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestTokens;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Cells a spreadsheet would run as a formula are exported with a leading quote; {@code raw=true}
 * exports every value exactly.
 */
@QuarkusTest
class CsvInjectionTest {
  private static final List<String> DANGEROUS =
      List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)");

  @Test
  void neutralisesCellsThatStartLikeAFormulaByDefault() throws IOException {
    String token = seed("csv-formula");

    List<CSVRecord> rows = parse(export(token, false));

    assertThat(rows)
        .extracting(r -> r.get("notes"))
        .containsExactlyElementsOf(DANGEROUS.stream().map(n -> "'" + n).toList());
    assertThat(rows).extracting(r -> r.get("tags")).containsOnly("'-urgent");
  }

  @Test
  void rawExportKeepsEveryValueExactly() throws IOException {
    String token = seed("csv-raw");

    List<CSVRecord> rows = parse(export(token, true));

    assertThat(rows).extracting(r -> r.get("notes")).containsExactlyElementsOf(DANGEROUS);
    assertThat(rows).extracting(r -> r.get("tags")).containsOnly("-urgent");
  }

  @Test
  void leavesHarmlessCellsAlone() throws IOException {
    String token = TestTokens.user("csv-harmless");
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));
    create(token, project, "Fixed a-b=c", 0);

    assertThat(parse(export(token, false)))
        .extracting(r -> r.get("notes"))
        .containsExactly("Fixed a-b=c");
  }

  private static String seed(String name) {
    String token = TestTokens.user(name);
    long project = Fixtures.projectWithMembers(Fixtures.userId(token));
    for (int i = 0; i < DANGEROUS.size(); i++) {
      create(token, project, DANGEROUS.get(i), i);
    }
    return token;
  }

  private static void create(String token, long project, String notes, int hour) {
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "projectId", project,
                "start", String.format("2026-06-15T%02d:00:00Z", hour),
                "end", String.format("2026-06-15T%02d:30:00Z", hour),
                "notes", notes,
                "tags", List.of("-urgent")))
        .post("/api/v1/time-entries")
        .then()
        .statusCode(201);
  }

  private static String export(String token, boolean raw) {
    var request =
        given()
            .auth()
            .oauth2(token)
            .queryParam("from", "2026-06-15")
            .queryParam("to", "2026-06-15");
    if (raw) {
      request = request.queryParam("raw", true);
    }
    return request
        .get("/api/v1/time-entries/export.csv")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static List<CSVRecord> parse(String body) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
      return parser.getRecords();
    }
  }
}
