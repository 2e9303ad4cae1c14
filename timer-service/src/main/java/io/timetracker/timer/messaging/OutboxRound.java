package io.timetracker.timer.messaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what one round's attempts mean for each row: published, parked, or failed and retried.
 *
 * <ul>
 *   <li>The broker counts as <em>down</em> when nothing was acknowledged and every failure was
 *       {@link PublishFailure.Kind#UNAVAILABLE}: then no row is blamed (its {@code failures} stay)
 *       and the relay backs off as a whole.
 *   <li>A {@link PublishFailure.Kind#REJECTED} row is parked at once; a row that fails otherwise
 *       while the broker is reachable is parked on its {@code maxAttempts}-th failure.
 *   <li>A row that stays pending blocks its key: acknowledged rows after it in the same key are not
 *       marked (they are sent again, behind it). A parked row does not block its key, so the rows
 *       after it that the broker acknowledged count as published.
 * </ul>
 */
record OutboxRound(
    List<OutboxRecord> published, List<Failed> parked, List<Failed> failed, boolean brokerDown) {

  /** A row that was not acknowledged, why, and whether the failure counts against the row. */
  record Failed(OutboxRecord row, PublishFailure failure, boolean counted) {}

  static OutboxRound of(List<OutboxSender.Attempt> attempts, int maxAttempts) {
    // judged on this round's sends only: rows acknowledged in an earlier round say nothing of now
    List<OutboxSender.Attempt> sentNow = attempts.stream().filter(a -> !a.earlier()).toList();
    boolean brokerDown =
        sentNow.stream().anyMatch(a -> a.failure() != null)
            && sentNow.stream().noneMatch(OutboxSender.Attempt::acknowledged)
            && sentNow.stream()
                .filter(a -> a.failure() != null)
                .allMatch(a -> a.failure().kind() == PublishFailure.Kind.UNAVAILABLE);
    List<OutboxRecord> published = new ArrayList<>();
    List<Failed> parked = new ArrayList<>();
    List<Failed> failed = new ArrayList<>();
    Set<String> blockedKeys = new HashSet<>();
    for (OutboxSender.Attempt a : attempts) {
      String key = a.row().topic() + '\u0000' + a.row().key();
      PublishFailure f = a.failure();
      if (!a.sent()) {
        blockedKeys.add(key);
      } else if (f == null) {
        if (!blockedKeys.contains(key)) {
          published.add(a.row());
        }
      } else if (f.kind() == PublishFailure.Kind.REJECTED) {
        parked.add(new Failed(a.row(), f, true));
      } else if (blockedKeys.contains(key)) {
        // an earlier row of the key failed first: this one may only have failed behind it
        failed.add(new Failed(a.row(), f, false));
      } else if (!brokerDown && a.row().failures() + 1 >= maxAttempts) {
        parked.add(new Failed(a.row(), f, true));
      } else {
        failed.add(new Failed(a.row(), f, !brokerDown));
        blockedKeys.add(key);
      }
    }
    return new OutboxRound(published, parked, failed, brokerDown);
  }

  /** The first failure of the round, for the log; null when there was none. */
  PublishFailure firstFailure() {
    if (!failed.isEmpty()) {
      return failed.get(0).failure();
    }
    return parked.isEmpty() ? null : parked.get(0).failure();
  }
}
