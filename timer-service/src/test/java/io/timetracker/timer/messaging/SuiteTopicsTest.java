package io.timetracker.timer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.testsupport.InProcessKafkaResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The test broker creates the topics the local stack creates, with the same partitions. */
class SuiteTopicsTest {

  @Test
  void testBrokerTopicsMatchDeployLocalTopicsConf() throws IOException {
    Path conf = Path.of("..", "deploy", "local", "topics.conf");
    Map<String, Integer> local =
        Files.readAllLines(conf).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(l -> l.split("\\s+"))
            .collect(Collectors.toMap(f -> f[0], f -> Integer.parseInt(f[1])));

    assertThat(InProcessKafkaResource.SUITE_TOPICS).isEqualTo(local);
  }
}
