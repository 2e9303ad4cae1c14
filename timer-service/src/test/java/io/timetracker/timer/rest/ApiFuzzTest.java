package io.timetracker.timer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timetracker.testsupport.Fuzz;
import io.timetracker.timer.Fixtures;
import io.timetracker.timer.TestDb;
import io.timetracker.timer.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutated bodies at the user API's create endpoints, each derived from a valid request: never a
 * 5xx, every refusal a problem document, and a refused request writes nothing — the rows of the
 * user at the end are exactly the ones the 201 answers created. Cases come from a seed ({@code
 * -Dfuzz.seed=N} reruns another set; a failure names its seed and case).
 */
@QuarkusTest
class ApiFuzzTest {
  private static final String TOKEN = TestTokens.user("api-fuzz");
  private static final String ADMIN = TestTokens.admin("api-fuzz-admin");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");

  @TestHTTPResource("/")
  URI root;

  @Inject TestDb db;

  private long user;
  private long project;

  @BeforeEach
  void memberOfAProject() {
    user = Fixtures.userId(TOKEN);
    project = Fixtures.projectWithMembers(user);
  }

  @Test
  void mutatedTimeEntriesNeverGetA5xxAndOnlyCreatedOnesAreStored() throws Exception {
    long before = db.entriesOf(user);
    String valid =
        "{\"projectId\":%d,\"start\":\"%s\",\"end\":\"%s\",\"notes\":\"fuzz\",\"billable\":true,\"tags\":[\"a\",\"b\"]}"
            .formatted(project, DAY.plus(9, ChronoUnit.HOURS), DAY.plus(10, ChronoUnit.HOURS));

    int created = fuzz(TOKEN, "/api/v1/time-entries", valid, 0, 1200);

    assertThat(db.entriesOf(user) - before).isEqualTo(created);
  }

  @Test
  void mutatedTimerStartsNeverGetA5xx() throws Exception {
    fuzz(
        TOKEN,
        "/api/v1/timer/start",
        "{\"projectId\":%d,\"notes\":\"fuzz\"}".formatted(project),
        1,
        600);

    assertThat(db.runningEntriesOf(user)).isLessThanOrEqualTo(1);
  }

  @Test
  void mutatedClientsAndProjectsNeverGetA5xx() throws Exception {
    long clients = db.rows("clients");
    int createdClients = fuzz(ADMIN, "/api/v1/clients", "{\"name\":\"Fuzz client\"}", 2, 500);
    assertThat(db.rows("clients") - clients).isEqualTo(createdClients);

    fuzz(
        ADMIN,
        "/api/v1/projects",
        "{\"name\":\"Fuzz project\",\"code\":\"FZ\",\"billable\":true,\"hourlyRate\":12.5}",
        3,
        500);
  }

  /** Sends {@code count} mutations of {@code valid} as {@code token}; the number answered 201. */
  private int fuzz(String token, String path, String valid, int stream, int count)
      throws Exception {
    List<byte[]> bodies =
        Fuzz.sample(
            Fuzz.mutationsOf(valid.getBytes(StandardCharsets.UTF_8)), Fuzz.SEED + stream, count);
    int created = 0;
    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(root.resolve(path.substring(1)))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Fuzz.expectNoServerError(answer, Fuzz.caseOf(path, i, Fuzz.SEED + stream));
      if (answer.statusCode() == 201) {
        created++;
      }
    }
    return created;
  }
}
