package io.timetracker.connector.github.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.IssueEvent;
import io.timetracker.connector.kit.inbox.ClaimedDelivery;
import io.timetracker.connector.kit.inbox.InboxHandler;
import io.timetracker.connector.kit.inbox.ProcessOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * GitHub's part of the kit's inbox runner: a stored {@code issues} delivery is parsed once into an
 * {@link IssueEvent} and handed to {@link IssueProcessor}. Ordering (one issue's deliveries in
 * arrival order), concurrency, leases and retry classification are the runner's.
 */
@ApplicationScoped
public class GithubInboxHandler implements InboxHandler<IssueEvent> {

  /** The provider name stored with GitHub deliveries. */
  public static final String PROVIDER = "github";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IssueProcessor processor;

  /** Collaborators. */
  public GithubInboxHandler(IssueProcessor processor) {
    this.processor = processor;
  }

  /**
   * The ordering key of a delivery: {@code owner/repo#number} for an issue, so that {@code opened →
   * assigned → closed} of one issue apply in order; the delivery id (no order) otherwise.
   */
  public static String deliveryKey(JsonNode payload, String deliveryId) {
    String repo = payload.path("repository").path("full_name").asText("");
    int number = payload.path("issue").path("number").asInt(0);
    return repo.isBlank() || number <= 0 ? deliveryId : repo + "#" + number;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public IssueEvent parse(ClaimedDelivery delivery) {
    try {
      JsonNode node = JSON.readTree(delivery.payload());
      if (node == null || !node.isObject()) {
        throw new PermanentFailure("Malformed payload");
      }
      return IssueEvent.of(node);
    } catch (IOException e) {
      throw new PermanentFailure("Malformed payload");
    }
  }

  @Override
  public Uni<ProcessOutcome> process(ClaimedDelivery delivery, IssueEvent event) {
    return processor.process(delivery, event).replaceWith(ProcessOutcome.done());
  }

  /** Yes: an issue's field updates queued behind each other need only the last core call. */
  @Override
  public boolean looksAhead() {
    return true;
  }

  @Override
  public Uni<ProcessOutcome> process(
      ClaimedDelivery delivery, IssueEvent event, Optional<ClaimedDelivery> next) {
    Optional<IssueProcessor.Later> later =
        next.filter(n -> "issues".equals(n.event())).flatMap(GithubInboxHandler::parsedOrEmpty);
    return processor.process(delivery, event, later).replaceWith(ProcessOutcome.done());
  }

  // a next delivery that cannot be parsed never supersedes anything (it will go dead itself)
  private static Optional<IssueProcessor.Later> parsedOrEmpty(ClaimedDelivery next) {
    try {
      JsonNode node = JSON.readTree(next.payload());
      return node != null && node.isObject()
          ? Optional.of(new IssueProcessor.Later(next.deliveryId(), IssueEvent.of(node)))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
