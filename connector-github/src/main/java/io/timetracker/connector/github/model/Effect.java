package io.timetracker.connector.github.model;

import java.util.UUID;

/**
 * What processing one delivery did, for provenance: a task or entry can be traced back to the
 * GitHub delivery that caused it.
 *
 * @param inboxId the inbox row
 * @param deliveryId GitHub's {@code X-GitHub-Delivery}
 * @param connectionId the connection
 * @param effect {@code task_upserted}, {@code timer_started}, {@code timer_stopped}, {@code
 *     skipped}
 * @param issueRef {@code github:{owner}/{repo}#{number}}
 * @param userId the core user acted for, or {@code null}
 * @param taskId the core task, or {@code null}
 * @param timeEntryId the core time entry, or {@code null}
 * @param detail why (for skipped), or {@code null}
 */
public record Effect(
    UUID inboxId,
    String deliveryId,
    UUID connectionId,
    String effect,
    String issueRef,
    Long userId,
    Long taskId,
    Long timeEntryId,
    String detail) {}
