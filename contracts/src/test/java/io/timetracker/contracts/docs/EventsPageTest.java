package io.timetracker.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.contracts.event.EventTypes;
import io.timetracker.contracts.event.SchemaValidation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample payloads on {@code docs/events.md} are valid against the schemas they document. */
class EventsPageTest {
  private static final Pattern SAMPLE =
      Pattern.compile("^#### (\\S+)\\n.*?```json\\n(.*?)```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Map<String, String> SAMPLES = new HashMap<>();

  @BeforeAll
  static void readPage() throws IOException {
    Matcher m = SAMPLE.matcher(Files.readString(Path.of("../docs/events.md")));
    while (m.find()) {
      SAMPLES.put(m.group(1), m.group(2));
    }
  }

  static Iterable<String> types() {
    return EventTypes.PAYLOADS.keySet();
  }

  @ParameterizedTest
  @MethodSource("types")
  void pageShowsAValidSamplePayloadOfEachType(String type) {
    assertThat(SAMPLES).containsKey(type);
    assertThat(SchemaValidation.errors(type, SAMPLES.get(type))).isEmpty();
  }
}
