package io.timetracker.connector.slack.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.events.EventReader;
import io.timetracker.connector.slack.service.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the core's {@code tt.time-entries.v1} (every way a timer starts or stops: web, API, GitHub,
 * Slack) and hands starts and stops to the {@link Notifier}. A record that cannot be read fails and
 * goes to {@code tt.time-entries.v1.dlq}; types this consumer does not know are skipped.
 */
@ApplicationScoped
public class TimeEntryEventsConsumer {

  private final EventReader reader;
  private final Notifier notifier;

  /** Collaborators. */
  public TimeEntryEventsConsumer(
      ObjectMapper json, Instance<MeterRegistry> registry, Notifier notifier) {
    this.reader = new EventReader(json, registry.isResolvable() ? registry.get() : null);
    this.notifier = notifier;
  }

  /** One record: acknowledged once its notification was posted or deliberately not. */
  @Incoming("time-entry-events-in")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return reader.read(record).map(notifier::handle).orElseGet(() -> Uni.createFrom().voidItem());
  }
}
