package io.timetracker.connector.kit.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON the connectors answer with, as Jackson writes it. */
class ApiShapesTest {

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private record GitHubSettings(String repository, Long defaultProjectId) {}

  @Test
  void notConfiguredIsTheOriginalsExactBody() throws Exception {
    assertThat(json.writeValueAsString(NotConfigured.INSTANCE))
        .isEqualTo("{\"ok\":false,\"error\":\"Integration not configured\"}");
  }

  @Test
  void configShowsSecretsOnlyAsSetFlags() throws Exception {
    ConfigResponse<GitHubSettings> config =
        ConfigResponse.of(
            "github",
            new GitHubSettings("octocat/hello", 7L),
            Map.of("token", true, "webhookSecret", false));

    assertThat(json.writeValueAsString(config))
        .contains("\"secrets\":{")
        .contains("\"tokenSet\":true")
        .contains("\"webhookSecretSet\":false")
        .contains("\"settings\":{\"repository\":\"octocat/hello\",\"defaultProjectId\":7}");
  }

  @Test
  void statusOfAUserWithoutAConnectionIsNotAnError() throws Exception {
    assertThat(json.writeValueAsString(StatusResponse.notConnected()))
        .contains("\"ok\":true", "\"connected\":false", "\"health\":{\"state\":\"unknown\"");
  }

  @Test
  void statusMasksTheLastErrorAndWritesStatusesInLowerCase() throws Exception {
    StatusResponse status =
        StatusResponse.connected(
            Instant.parse("2026-03-01T09:00:00Z"),
            SyncStatus.PARTIAL,
            "401 for ghp_" + "abcdefghijklmnopqrstuvwxyz0123",
            ConnectionHealth.degraded("rate limited"));

    String text = json.writeValueAsString(status);

    assertThat(text)
        .contains("\"lastSyncStatus\":\"partial\"")
        .contains("\"lastError\":\"401 for ghp_…0123\"")
        .contains("\"state\":\"degraded\"")
        .doesNotContain("abcdefghijklmnop");
  }

  @Test
  void testResultHasOneShapeForEveryProvider() throws Exception {
    assertThat(json.writeValueAsString(TestResult.ok("Connected as octocat")))
        .isEqualTo("{\"ok\":true,\"message\":\"Connected as octocat\"}");
    assertThat(TestResult.notConfigured())
        .isEqualTo(new TestResult(false, "Integration not configured"));
  }

  @Test
  void syncResultDerivesItsStatusFromTheCounters() {
    assertThat(SyncResult.of(2, 1, 3, 0, List.of()).status()).isEqualTo(SyncStatus.SUCCESS);
    assertThat(SyncResult.of(2, 0, 0, 1, List.of("issue #3: 422")).status())
        .isEqualTo(SyncStatus.PARTIAL);
    SyncResult failed = SyncResult.of(0, 0, 0, 2, List.of("a", "b"));
    assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(failed.ok()).isFalse();
    assertThat(SyncResult.failure("GitHub returned HTTP 401").errors())
        .containsExactly("GitHub returned HTTP 401");
  }

  @Test
  void syncResultKeepsAtMostTwentyMaskedErrors() {
    List<String> errors =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> "xoxb-" + "1234567890-abcdefghij" + i)
            .toList();

    SyncResult result = SyncResult.of(1, 0, 0, 50, errors);

    assertThat(result.errors())
        .hasSize(SyncResult.MAX_ERRORS)
        .allMatch(e -> e.startsWith("xoxb-…"));
  }
}
