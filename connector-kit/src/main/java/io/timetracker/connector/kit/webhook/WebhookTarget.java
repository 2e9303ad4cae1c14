package io.timetracker.connector.kit.webhook;

import java.util.List;
import java.util.Objects;

/**
 * A connection a webhook delivery may belong to, with the secrets its signature may use.
 *
 * @param id the connection id stored with the delivery
 * @param secrets candidate secrets, current first (a previous one during its overlap); empty when
 *     none can be read, so no delivery verifies
 * @param connection the connector's own connection record
 * @param <C> the connector's connection type
 */
public record WebhookTarget<C>(String id, List<String> secrets, C connection) {

  /** Copies the secrets. */
  public WebhookTarget {
    Objects.requireNonNull(id, "id");
    secrets = List.copyOf(secrets == null ? List.of() : secrets);
  }

  @Override
  public String toString() {
    return "WebhookTarget[id=" + id + ", secrets=" + secrets.size() + "]";
  }
}
