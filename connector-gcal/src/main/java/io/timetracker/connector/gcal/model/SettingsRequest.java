package io.timetracker.connector.gcal.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A settings save; only the fields present change. Values are forgiving as in the original: an
 * unknown direction is {@code import}, days back is clamped to 1–30 and a non-number is 7, a blank
 * calendar is {@code primary}. A project must be one the person may track time on.
 *
 * @param calendarId the calendar to sync
 * @param direction import, export or both
 * @param daysBack days the first import looks back
 * @param defaultProjectId where imported entries go; {@code null} clears it
 */
@Schema(name = "GcalSettingsRequest")
public record SettingsRequest(
    String calendarId,
    String direction,
    @Schema(implementation = Integer.class) JsonNode daysBack,
    @Schema(implementation = Long.class) JsonNode defaultProjectId) {

  /** Default days back. */
  public static final int DEFAULT_DAYS_BACK = 7;

  /** Days back clamped to 1–30; 7 for anything that is not a whole number. */
  public static int daysBack(JsonNode value) {
    if (value == null || value.isNull()) {
      return DEFAULT_DAYS_BACK;
    }
    long days;
    if (value.isIntegralNumber()) {
      days = value.asLong();
    } else if (value.isTextual() && value.asText().trim().matches("-?\\d{1,9}")) {
      days = Long.parseLong(value.asText().trim());
    } else {
      return DEFAULT_DAYS_BACK;
    }
    return (int) Math.max(1, Math.min(30, days));
  }

  /** A project id, or null for a non-number (as the original stored it). */
  public static Long projectId(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().trim().matches("\\d{1,18}")) {
      return Long.parseLong(value.asText().trim());
    }
    return null;
  }

  /** A blank calendar is {@code primary}. */
  public static String calendarId(String value) {
    return value == null || value.isBlank() ? "primary" : value.trim();
  }
}
