package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.Effect;
import io.timetracker.connector.github.model.IssueEvent;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.github.repository.EffectRepository;
import io.timetracker.connector.kit.inbox.ClaimedDelivery;
import io.timetracker.connector.kit.timer.TimerService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one stored {@code issues} delivery into changes in the core: opened/edited/labeled/
 * unlabeled upsert the task, closed completes it, reopened reopens it, assigned starts a timer
 * ({@link AssignmentHandler}). Every effect is recorded with the delivery id. The inbox runner
 * applies one issue's deliveries in arrival order; handlers upsert by reference, so a repeated
 * delivery converges instead of duplicating.
 */
@ApplicationScoped
public class IssueProcessor {

  private final ConnectionRepository connections;
  private final EffectRepository effects;
  private final TimerService core;
  private final AssignmentHandler assignments;

  /** Collaborators. */
  public IssueProcessor(
      ConnectionRepository connections,
      EffectRepository effects,
      TimerService core,
      AssignmentHandler assignments) {
    this.connections = connections;
    this.effects = effects;
    this.core = core;
    this.assignments = assignments;
  }

  /**
   * Processes one claimed delivery, parsed once by {@link GithubInboxHandler}; fails with {@link
   * PermanentFailure} or a retryable error.
   */
  public Uni<Void> process(ClaimedDelivery d, IssueEvent ev) {
    return process(d, ev, Optional.empty());
  }

  /**
   * Processes one claimed delivery knowing the next stored delivery of the same issue, if any: a
   * field update that the next one overwrites ({@link IssueTasks#supersedes}) records a {@code
   * superseded} effect instead of calling the core, so a backlog of one issue's edits costs one
   * core call, not one per edit.
   */
  public Uni<Void> process(ClaimedDelivery d, IssueEvent ev, Optional<Later> next) {
    UUID connectionId = UUID.fromString(d.connectionId());
    return connections
        .find(connectionId)
        .map(
            found ->
                found
                    .filter(Connection::active)
                    .orElseThrow(() -> new PermanentFailure("connection deleted or inactive")))
        .chain(c -> handle(c, d, ev, next));
  }

  private Uni<Void> handle(Connection c, ClaimedDelivery d, IssueEvent ev, Optional<Later> next) {
    if (!c.isRepository(ev.repositoryFullName())) {
      throw new PermanentFailure(
          "delivery is for " + ev.repositoryFullName() + ", not " + c.fullName());
    }
    if (ev.issue().number() <= 0) {
      throw new PermanentFailure("Malformed issue payload");
    }
    if (c.defaultProjectId() == null) {
      throw new PermanentFailure("default project not set: set it, then redeliver");
    }
    String ref = IssueTasks.ref(c, ev.issue().number());
    if (!IssueTasks.passesFilter(c, ev.issue())) {
      return record(
          c,
          d,
          "skipped",
          ref,
          null,
          null,
          null,
          "label filter '" + c.labelFilter() + "' not matched");
    }
    Optional<Later> superseding = next.filter(n -> IssueTasks.supersedes(c, ev, n.event()));
    if (superseding.isPresent()) {
      String by = superseding.get().deliveryId();
      return record(
          c, d, "superseded", ref, null, null, null, ev.action() + ", fields set by " + by);
    }
    return switch (ev.action()) {
      case "opened", "edited", "labeled", "unlabeled" -> upsert(c, d, ev, null);
      case "closed" -> upsert(c, d, ev, "done");
      case "reopened" -> upsert(c, d, ev, "todo");
      case "assigned" -> assignments.assigned(c, d, ev);
      case "unassigned" -> assignments.unassigned(c, d, ev);
      default -> record(c, d, "skipped", ref, null, null, null, "unhandled action " + ev.action());
    };
  }

  private Uni<Void> upsert(Connection c, ClaimedDelivery d, IssueEvent ev, String status) {
    return core.upsertTask(
            c.ownerUserId(), IssueTasks.upsert(c, c.defaultProjectId(), ev.issue(), status))
        .chain(
            task ->
                record(
                    c,
                    d,
                    "task_upserted",
                    task.externalRef(),
                    c.ownerUserId(),
                    task.id(),
                    null,
                    status == null ? ev.action() : ev.action() + " -> " + task.status()));
  }

  /** Records one effect of delivery {@code d}. */
  Uni<Void> record(
      Connection c,
      ClaimedDelivery d,
      String effect,
      String ref,
      Long userId,
      Long taskId,
      Long entryId,
      String detail) {
    return effects.record(
        new Effect(d.id(), d.deliveryId(), c.id(), effect, ref, userId, taskId, entryId, detail));
  }

  /** The next stored delivery of the same issue: its GitHub delivery id and parsed event. */
  public record Later(String deliveryId, IssueEvent event) {}
}
