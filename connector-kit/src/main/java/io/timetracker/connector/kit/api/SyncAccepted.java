package io.timetracker.connector.kit.api;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The uniform answer of {@code POST …/sync} (202): the sync runs as a job; poll {@code statusUrl}.
 *
 * @param ok always true
 * @param jobId the job; a sync already queued for the connection is answered, not a second one
 * @param status {@code queued}
 * @param statusUrl where its progress and result are ({@code GET}), relative to the API's host
 */
@Schema(name = "SyncAccepted")
public record SyncAccepted(boolean ok, UUID jobId, String status, String statusUrl) {}
