package io.timetracker.connector.github.model;

import io.timetracker.connector.kit.inbox.DeliverySummary;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One delivery of the log with what it did in the core (provenance).
 *
 * @param delivery the delivery's log line
 * @param effects the tasks and timers it changed, or why it skipped, oldest first
 */
@Schema(name = "GithubDeliveryDetail")
public record DeliveryDetail(DeliverySummary delivery, List<Effect> effects) {}
