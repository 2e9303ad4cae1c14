package io.timetracker.connector.kit.api;

import io.timetracker.connector.kit.masking.ErrorText;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The uniform {@code POST …/sync} answer.
 *
 * @param ok false only when nothing went through
 * @param status success, partial or failed
 * @param created items created in the suite
 * @param updated items changed
 * @param skipped items left alone (filtered out or unchanged)
 * @param failed items that failed
 * @param errors what failed, masked, at most {@value #MAX_ERRORS}
 */
@Schema(description = "Result of one sync run")
public record SyncResult(
    boolean ok,
    SyncStatus status,
    int created,
    int updated,
    int skipped,
    int failed,
    List<String> errors) {

  /** Errors kept in one answer. */
  public static final int MAX_ERRORS = 20;

  /** Masks and bounds the errors. */
  public SyncResult {
    Objects.requireNonNull(status, "status");
    errors =
        errors == null ? List.of() : errors.stream().limit(MAX_ERRORS).map(ErrorText::of).toList();
  }

  /**
   * From counters: success without failures, partial when some failed and others went through,
   * failed when only failures.
   */
  public static SyncResult of(
      int created, int updated, int skipped, int failed, List<String> errors) {
    SyncStatus status;
    if (failed == 0 && (errors == null || errors.isEmpty())) {
      status = SyncStatus.SUCCESS;
    } else if (created + updated + skipped > 0) {
      status = SyncStatus.PARTIAL;
    } else {
      status = SyncStatus.FAILED;
    }
    return new SyncResult(
        status != SyncStatus.FAILED, status, created, updated, skipped, failed, errors);
  }

  /** The run could not start or broke off, e.g. the provider rejected the token. */
  public static SyncResult failure(String error) {
    return new SyncResult(false, SyncStatus.FAILED, 0, 0, 0, 0, List.of(error));
  }
}
