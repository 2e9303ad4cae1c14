package io.timetracker.connector.gcal.model;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Everything the Google card shows, beyond the uniform status.
 *
 * @param ok always true
 * @param connected tokens are stored and the connection is active
 * @param reconnectNeeded Google refused the refresh token: connect again
 * @param oauthConfigured the administrator set the OAuth client; without it no one can connect
 * @param email the Google account
 * @param scopes granted scopes
 * @param tokenExpiresAt when the current access token expires
 * @param calendarId the calendar synced
 * @param direction import, export or both
 * @param lastSyncAt when the last sync finished
 * @param lastSyncStatus success, partial or failed
 * @param lastError the last error, masked
 * @param pendingExports exports waiting or being retried
 * @param failedExports exports out of attempts (queued again by the next sync)
 * @param conflicts calendar changes not applied because the entry was edited
 * @param lastConflict the latest of those
 */
@Schema(name = "GcalStatus")
public record GcalStatus(
    boolean ok,
    boolean connected,
    boolean reconnectNeeded,
    boolean oauthConfigured,
    String email,
    String scopes,
    Instant tokenExpiresAt,
    String calendarId,
    Direction direction,
    Instant lastSyncAt,
    String lastSyncStatus,
    String lastError,
    long pendingExports,
    long failedExports,
    int conflicts,
    String lastConflict) {}
