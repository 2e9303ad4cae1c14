package io.timetracker.connector.gcal.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The settings a person sees and saves; never a token.
 *
 * @param calendarId the calendar synced
 * @param direction import, export or both
 * @param daysBack days the first import looks back, 1–30
 * @param defaultProjectId where imported entries go
 * @param email the connected Google account, read-only
 * @param scopes the granted scopes, read-only
 * @param active connected and syncing, read-only
 * @param reconnectNeeded Google refused the refresh token: connect again, read-only
 */
@Schema(name = "GcalSettings")
public record Settings(
    String calendarId,
    Direction direction,
    int daysBack,
    Long defaultProjectId,
    String email,
    String scopes,
    boolean active,
    boolean reconnectNeeded) {

  /** The settings of a connection. */
  public static Settings of(Connection c) {
    return new Settings(
        c.calendarId(),
        c.direction(),
        c.daysBack(),
        c.defaultProjectId(),
        c.email(),
        c.scopes(),
        c.active(),
        c.reconnectNeeded());
  }
}
