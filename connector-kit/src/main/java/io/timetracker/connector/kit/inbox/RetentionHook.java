package io.timetracker.connector.kit.inbox;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * A connector's own rows that follow the inbox's retention (e.g. the effects each delivery had):
 * the runner calls every such bean after pruning the inbox, with the same cutoff.
 */
public interface RetentionHook {

  /** Deletes up to {@code limit} rows older than {@code cutoff}; the number deleted. */
  Uni<Integer> pruneBefore(Instant cutoff, int limit);
}
