package io.timetracker.connector.gcal.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One Google event tied to one time entry ({@code gcal_event_link}), either way.
 *
 * @param connectionId the connection
 * @param eventId Google's event id
 * @param entryId the core's entry id, or null while the event is still running
 * @param direction {@code import} (event → entry) or {@code export} (entry → event)
 * @param etag the event's etag when we last wrote or read it
 * @param entryVersion the entry's version when we last wrote it
 * @param userEdited the person changed or deleted the imported entry: calendar changes no longer
 *     touch it
 * @param pendingUntil a running or future event: look at it again after this instant
 */
public record EventLink(
    UUID connectionId,
    String eventId,
    Long entryId,
    String direction,
    String etag,
    Long entryVersion,
    boolean userEdited,
    Instant pendingUntil) {}
