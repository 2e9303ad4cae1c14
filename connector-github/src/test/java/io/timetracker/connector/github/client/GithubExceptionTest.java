package io.timetracker.connector.github.client;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How GitHub's error answers are classified (rate limits vs bad credentials). */
class GithubExceptionTest {

  @Test
  void a429WithRetryAfterIsARetryableRateLimit() {
    GithubException e = GithubException.from(response(429, "Retry-After", "7"));
    assertThat(e.rateLimited()).isTrue();
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void a403WithNoRemainingRequestsWaitsUntilTheReset() {
    long reset = Instant.now().plusSeconds(30).getEpochSecond();
    GithubException e =
        GithubException.from(
            response(
                403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(reset)));
    assertThat(e.rateLimited()).isTrue();
    assertThat(e.retryAfter().orElseThrow())
        .isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
  }

  @Test
  void aPlain403Or401IsNotRetryable() {
    assertThat(GithubException.from(response(403)).retryable()).isFalse();
    assertThat(GithubException.from(response(401)).retryable()).isFalse();
  }

  @Test
  void a5xxIsRetryable() {
    assertThat(GithubException.from(response(502)).retryable()).isTrue();
  }

  private static Response response(int status, String... headers) {
    Response.ResponseBuilder b = Response.status(status);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }
}
