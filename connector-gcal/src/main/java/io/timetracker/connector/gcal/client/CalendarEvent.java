package io.timetracker.connector.gcal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A Calendar API v3 {@code Event} resource, the fields we read or write (Google's names).
 *
 * @param id event id
 * @param status {@code confirmed}, {@code tentative} or {@code cancelled}
 * @param etag version tag
 * @param updated last modification (RFC 3339)
 * @param summary title
 * @param description description
 * @param start start ({@code dateTime}, or {@code date} for all-day events)
 * @param end end (exclusive)
 * @param attendees attendees; ours has {@code self: true}
 * @param extendedProperties private and shared properties
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarEvent(
    String id,
    String status,
    String etag,
    String updated,
    String summary,
    String description,
    EventTime start,
    EventTime end,
    List<Attendee> attendees,
    ExtendedProperties extendedProperties) {

  /** An event's start or end: {@code dateTime} for timed events, {@code date} for all-day ones. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventTime(String dateTime, String date, String timeZone) {}

  /** An attendee and their answer. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Attendee(String email, Boolean self, String responseStatus) {}

  /** Extended properties; only {@code private} ones are ours. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExtendedProperties(
      @com.fasterxml.jackson.annotation.JsonProperty("private")
          Map<String, String> privateProperties,
      Map<String, String> shared) {}

  /** The private property, or null. */
  public String privateProperty(String name) {
    return extendedProperties == null || extendedProperties.privateProperties() == null
        ? null
        : extendedProperties.privateProperties().get(name);
  }

  /** Whether the signed-in account declined it. */
  public boolean declinedBySelf() {
    return attendees != null
        && attendees.stream()
            .anyMatch(a -> Boolean.TRUE.equals(a.self()) && "declined".equals(a.responseStatus()));
  }

  /** Whether it was cancelled (deleted). */
  public boolean cancelled() {
    return "cancelled".equals(status);
  }
}
