package io.timetracker.connector.slack.model;

import io.timetracker.connector.kit.problem.ApiException;
import java.time.LocalTime;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A linked user's Slack settings: where notifications go and which ones, and the daily summary.
 *
 * @param channelId channel id ({@code C…}) or {@code #name}; {@code null}: no posts
 * @param notifyOnStart post when a timer starts
 * @param notifyOnStop post when a timer stops
 * @param dailySummary post a daily summary
 * @param dailySummaryTime {@code HH:MM} (24 h) in the user's time zone
 */
@Schema(name = "SlackSettings")
public record UserSettings(
    @Schema(example = "C0123456789") String channelId,
    boolean notifyOnStart,
    boolean notifyOnStop,
    boolean dailySummary,
    @Schema(example = "18:00", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
        String dailySummaryTime) {

  /** The summary time when none is given. */
  public static final String DEFAULT_TIME = "18:00";

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern CHANNEL = Pattern.compile("(#[a-z0-9_-]{1,80}|[CGD][A-Z0-9]{2,30})");

  /** Nothing on: what a freshly linked user has. */
  public static UserSettings defaults() {
    return new UserSettings(null, false, false, false, DEFAULT_TIME);
  }

  /**
   * Checks and normalises the settings (blank channel → none, absent time → 18:00); a malformed
   * time or channel is a 400, never silently replaced.
   */
  public UserSettings validated() {
    String channel = channelId == null || channelId.isBlank() ? null : channelId.strip();
    if (channel != null && !CHANNEL.matcher(channel).matches()) {
      throw ApiException.invalid(
          "invalid_channel", "channelId must be a channel id (C…) or #name, got '" + channel + "'");
    }
    String time =
        dailySummaryTime == null || dailySummaryTime.isBlank() ? DEFAULT_TIME : dailySummaryTime;
    if (!TIME.matcher(time).matches()) {
      throw ApiException.invalid(
          "invalid_time", "dailySummaryTime must be HH:MM between 00:00 and 23:59");
    }
    if ((notifyOnStart || notifyOnStop || dailySummary) && channel == null) {
      throw ApiException.invalid("channel_required", "Posting needs a channelId");
    }
    return new UserSettings(channel, notifyOnStart, notifyOnStop, dailySummary, time);
  }

  /** The summary time as a local time. */
  public LocalTime summaryTime() {
    return LocalTime.parse(dailySummaryTime);
  }
}
