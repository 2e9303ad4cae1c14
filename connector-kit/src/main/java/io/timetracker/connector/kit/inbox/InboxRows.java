package io.timetracker.connector.kit.inbox;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row mapping and conversions for {@link Inbox}. */
final class InboxRows {

  private InboxRows() {}

  static List<ClaimedDelivery> claimedAll(RowSet<Row> rows) {
    List<ClaimedDelivery> claimed = new ArrayList<>(rows.size());
    rows.forEach(row -> claimed.add(claimed(row)));
    return claimed;
  }

  static ClaimedDelivery claimed(Row row) {
    return new ClaimedDelivery(
        row.getUUID("id"),
        row.getString("provider"),
        row.getString("delivery_id"),
        row.getString("connection_id"),
        row.getString("event"),
        row.getString("action"),
        row.getBuffer("payload").getBytes(),
        headers(row.getJsonObject("headers")),
        row.getInteger("attempts"),
        instant(row, "received_at"),
        row.getString("delivery_key"));
  }

  static DeliverySummary summary(Row row) {
    return new DeliverySummary(
        row.getUUID("id"),
        row.getString("provider"),
        row.getString("delivery_id"),
        row.getString("event"),
        row.getString("action"),
        instant(row, "received_at"),
        DeliveryStatus.of(row.getString("status")),
        row.getInteger("attempts"),
        row.getString("last_error"),
        instant(row, "next_attempt_at"),
        instant(row, "processed_at"));
  }

  static InboxBacklog backlog(Row row) {
    return new InboxBacklog(row.getLong("open"), instant(row, "oldest"));
  }

  static JsonObject json(Map<String, String> headers) {
    return new JsonObject(Map.<String, Object>copyOf(headers));
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Map<String, String> headers(JsonObject json) {
    Map<String, String> headers = new TreeMap<>();
    if (json != null) {
      json.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return headers;
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
