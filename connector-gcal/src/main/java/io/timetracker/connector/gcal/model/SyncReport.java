package io.timetracker.connector.gcal.model;

import io.timetracker.connector.kit.api.SyncStatus;
import io.timetracker.connector.kit.masking.ErrorText;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The counters of one sync, as the original's reply had them (import first, then export).
 *
 * @param ok false when nothing went through
 * @param status success, partial or failed
 * @param imported entries created from events
 * @param updated entries moved or renamed
 * @param deleted entries deleted with their cancelled events
 * @param skipped events left alone
 * @param conflicts calendar changes not applied because the person edited the entry
 * @param exported finished entries queued for export (plus failed exports queued again)
 * @param errors what failed, masked
 */
@Schema(name = "GcalSyncReport")
public record SyncReport(
    boolean ok,
    SyncStatus status,
    int imported,
    int updated,
    int deleted,
    int skipped,
    int conflicts,
    int exported,
    List<String> errors) {

  /** Masks the errors. */
  public SyncReport {
    errors = errors == null ? List.of() : errors.stream().limit(20).map(ErrorText::of).toList();
  }

  /** A run that could not start, e.g. reconnect needed. */
  public static SyncReport failure(String error) {
    return new SyncReport(false, SyncStatus.FAILED, 0, 0, 0, 0, 0, 0, List.of(error));
  }
}
