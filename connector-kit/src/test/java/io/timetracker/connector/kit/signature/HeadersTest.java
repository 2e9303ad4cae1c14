package io.timetracker.connector.kit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

  @Test
  void looksUpNamesCaseInsensitively() {
    Headers headers = Headers.ofSingle(Map.of("X-Github-Event", "issues"));

    assertThat(headers.first("X-GitHub-Event")).contains("issues");
    assertThat(headers.first("x-github-event")).contains("issues");
  }

  @Test
  void mergesValuesOfNamesThatDifferOnlyInCase() {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put("Accept", List.of("a"));
    raw.put("accept", List.of("b"));

    assertThat(Headers.of(raw).all("ACCEPT")).containsExactly("a", "b");
  }

  @Test
  void absentHeaderIsEmptyAndNullsAreIgnored() {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put(null, List.of("x"));
    raw.put("X-Empty", null);

    Headers headers = Headers.of(raw);

    assertThat(headers.first("X-Missing")).isEmpty();
    assertThat(headers.first(null)).isEmpty();
    assertThat(headers.firstOrNull("X-Empty")).isNull();
  }
}
