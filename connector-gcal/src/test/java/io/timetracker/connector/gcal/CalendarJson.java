package io.timetracker.connector.gcal;

import java.time.Instant;
import java.util.List;

/** Calendar API v3 {@code Event} and {@code Events} documents as Google sends them. */
public final class CalendarJson {

  private CalendarJson() {}

  /** A timed, confirmed event. */
  public static String timed(String id, String summary, Instant start, Instant end, String etag) {
    return "{\"kind\":\"calendar#event\",\"etag\":\"\\\""
        + etag
        + "\\\"\",\"id\":\""
        + id
        + "\",\"status\":\"confirmed\",\"htmlLink\":\"https://www.google.com/calendar/event?eid="
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"updated\":\""
        + start
        + "\",\"summary\":\""
        + summary
        + "\",\"creator\":{\"email\":\"alice@gmail.test\",\"self\":true},"
        + "\"organizer\":{\"email\":\"alice@gmail.test\",\"self\":true},"
        + "\"start\":{\"dateTime\":\""
        + start
        + "\",\"timeZone\":\"Europe/Berlin\"},\"end\":{\"dateTime\":\""
        + end
        + "\",\"timeZone\":\"Europe/Berlin\"},\"iCalUID\":\""
        + id
        + "@google.com\",\"sequence\":0,\"reminders\":{\"useDefault\":true},\"eventType\":\"default\"}";
  }

  /** An all-day event ({@code date} instead of {@code dateTime}). */
  public static String allDay(String id, String summary, String day, String nextDay) {
    return "{\"kind\":\"calendar#event\",\"etag\":\"\\\"1\\\"\",\"id\":\""
        + id
        + "\",\"status\":\"confirmed\",\"summary\":\""
        + summary
        + "\",\"start\":{\"date\":\""
        + day
        + "\"},\"end\":{\"date\":\""
        + nextDay
        + "\"}}";
  }

  /** A timed event the signed-in attendee declined. */
  public static String declined(String id, String summary, Instant start, Instant end) {
    return "{\"kind\":\"calendar#event\",\"etag\":\"\\\"2\\\"\",\"id\":\""
        + id
        + "\",\"status\":\"confirmed\",\"summary\":\""
        + summary
        + "\",\"start\":{\"dateTime\":\""
        + start
        + "\"},\"end\":{\"dateTime\":\""
        + end
        + "\"},\"attendees\":[{\"email\":\"boss@example.test\",\"organizer\":true,"
        + "\"responseStatus\":\"accepted\"},{\"email\":\"alice@gmail.test\",\"self\":true,"
        + "\"responseStatus\":\"declined\"}]}";
  }

  /** One of our own exports: the private property with our entry id. */
  public static String exported(String id, long entryId, Instant start, Instant end) {
    return "{\"kind\":\"calendar#event\",\"etag\":\"\\\"3\\\"\",\"id\":\""
        + id
        + "\",\"status\":\"confirmed\",\"summary\":\"[TT] Website — work\",\"start\":{\"dateTime\":\""
        + start
        + "\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\""
        + end
        + "\",\"timeZone\":\"UTC\"},\"extendedProperties\":{\"private\":{\"timetrackerEntryId\":\""
        + entryId
        + "\"}}}";
  }

  /** A deleted event as an incremental sync reports it. */
  public static String cancelled(String id) {
    return "{\"kind\":\"calendar#event\",\"etag\":\"\\\"9\\\"\",\"id\":\""
        + id
        + "\",\"status\":\"cancelled\"}";
  }

  /** An {@code Events} page. */
  public static String page(List<String> items, String nextPageToken, String nextSyncToken) {
    return "{\"kind\":\"calendar#events\",\"etag\":\"\\\"p\\\"\",\"summary\":\"alice@gmail.test\","
        + "\"updated\":\"2026-03-01T09:00:00.000Z\",\"timeZone\":\"Europe/Berlin\","
        + "\"accessRole\":\"owner\",\"defaultReminders\":[],"
        + (nextPageToken == null ? "" : "\"nextPageToken\":\"" + nextPageToken + "\",")
        + (nextSyncToken == null ? "" : "\"nextSyncToken\":\"" + nextSyncToken + "\",")
        + "\"items\":["
        + String.join(",", items)
        + "]}";
  }
}
