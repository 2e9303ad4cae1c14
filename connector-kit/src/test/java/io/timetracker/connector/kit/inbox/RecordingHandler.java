package io.timetracker.connector.kit.inbox;

import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test provider ({@code test}): the payload is {@code <key>|<n>}; processing takes a random few
 * milliseconds and appends {@code n} to the key's log, noting any overlap within a key.
 */
class RecordingHandler implements InboxHandler<String[]> {

  final Map<String, List<Integer>> log = new ConcurrentHashMap<>();
  final List<String> processedBy = new CopyOnWriteArrayList<>();
  final Set<String> busyKeys = ConcurrentHashMap.newKeySet();
  final List<String> overlaps = new CopyOnWriteArrayList<>();
  private final String name;

  RecordingHandler(String name) {
    this.name = name;
  }

  static IncomingDelivery delivery(String key, int n) {
    return new IncomingDelivery(
        "test",
        key + "-" + n,
        "conn-1",
        "issues",
        "opened",
        (key + "|" + n).getBytes(StandardCharsets.UTF_8),
        null,
        key);
  }

  @Override
  public String provider() {
    return "test";
  }

  @Override
  public String[] parse(ClaimedDelivery delivery) {
    return new String(delivery.payload(), StandardCharsets.UTF_8).split("\\|");
  }

  @Override
  public Uni<ProcessOutcome> process(ClaimedDelivery delivery, String[] event) {
    String key = event[0];
    if (!busyKeys.add(key)) {
      overlaps.add(key);
    }
    return Uni.createFrom()
        .item(Integer.parseInt(event[1]))
        .onItem()
        .delayIt()
        .by(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 6)))
        .invoke(n -> log.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(n))
        .invoke(n -> processedBy.add(name + ":" + delivery.deliveryId()))
        .invoke(n -> busyKeys.remove(key))
        .replaceWith(ProcessOutcome.done());
  }
}
