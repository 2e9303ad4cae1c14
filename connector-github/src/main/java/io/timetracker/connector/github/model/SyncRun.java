package io.timetracker.connector.github.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A requested sync, run as a job: its state while queued and running (with the counters so far) and
 * its result once finished.
 *
 * @param id the job id
 * @param connectionId the connection synced
 * @param status {@code queued}, {@code running}, {@code success}, {@code partial} or {@code failed}
 * @param requestedAt when it was requested
 * @param startedAt when a replica started it, or {@code null}
 * @param finishedAt when it ended, or {@code null}
 * @param pages issue pages read so far
 * @param created tasks created so far
 * @param updated tasks updated so far
 * @param skipped issues left alone so far (pull requests, label filter)
 * @param failed issues that failed so far
 * @param errors what failed (masked)
 */
@Schema(name = "GithubSyncJob")
public record SyncRun(
    UUID id,
    UUID connectionId,
    String status,
    Instant requestedAt,
    Instant startedAt,
    Instant finishedAt,
    int pages,
    int created,
    int updated,
    int skipped,
    int failed,
    List<String> errors) {

  /** Whether the job ended. */
  public boolean finished() {
    return finishedAt != null;
  }
}
