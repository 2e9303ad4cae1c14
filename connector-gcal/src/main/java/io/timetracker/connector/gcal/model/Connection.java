package io.timetracker.connector.gcal.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A person's Google Calendar connection as stored in {@code gcal_connection}. Tokens are the stored
 * ciphertexts ({@code enc:v1:…}); decrypt them through {@code TokenVault}.
 *
 * @param id row id
 * @param ownerSubject OIDC subject of the person
 * @param userId their id in the core
 * @param googleSubject the Google account id ({@code sub}), or null before the first connect
 * @param email the Google account's address, or null
 * @param accessToken encrypted access token, or null when disconnected
 * @param refreshToken encrypted refresh token, or null
 * @param tokenExpiresAt when the access token expires
 * @param scopes the scopes Google granted, space-separated
 * @param calendarId the calendar synced ({@code primary} by default)
 * @param direction import, export or both
 * @param daysBack days the first import looks back, 1–30
 * @param defaultProjectId the project imported entries go to, or null
 * @param active connected and syncing
 * @param reconnectNeeded Google refused the refresh token; only a new consent helps
 * @param syncToken Google's incremental sync token, or null for a full window sync
 * @param lastFullSyncAt when the last full window sync ran
 * @param lastSyncAt when the last sync finished
 * @param lastSyncStatus success, partial or failed
 * @param lastError the last error, masked
 * @param conflicts imported entries the person edited that a calendar change would have undone
 * @param lastConflict the latest of those
 * @param version optimistic lock; every write checks and bumps it
 */
public record Connection(
    UUID id,
    String ownerSubject,
    long userId,
    String googleSubject,
    String email,
    String accessToken,
    String refreshToken,
    Instant tokenExpiresAt,
    String scopes,
    String calendarId,
    Direction direction,
    int daysBack,
    Long defaultProjectId,
    boolean active,
    boolean reconnectNeeded,
    String syncToken,
    Instant lastFullSyncAt,
    Instant lastSyncAt,
    String lastSyncStatus,
    String lastError,
    int conflicts,
    String lastConflict,
    long version) {

  /** Whether tokens are stored. */
  public boolean connected() {
    return accessToken != null || refreshToken != null;
  }

  @Override
  public String toString() {
    return "Connection[id=" + id + ", userId=" + userId + ", active=" + active + "]";
  }
}
