package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.Effect;
import io.timetracker.connector.github.model.IssueEvent;
import io.timetracker.connector.github.repository.EffectRepository;
import io.timetracker.connector.kit.inbox.ClaimedDelivery;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.client.CoreConflictException;
import io.timetracker.contracts.client.TimerAlreadyRunningException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * {@code assigned} and {@code unassigned}. The assignee is acted for through a connection chosen by
 * {@link AssignmentTargets}: the receiving connection for its owner, or — only when both the
 * receiving connection and the assignee's own connection proved access to the repository — the
 * assignee's connection. Otherwise the delivery records why the assignee was skipped. The timer is
 * linked to the task, tagged {@code github:{repo}#{n}@{delivery}} as its external reference
 * (provenance; a retried start of the same delivery is recognised).
 */
@ApplicationScoped
public class AssignmentHandler {

  private final AssignmentTargets targets;
  private final EffectRepository effects;
  private final TimerService core;

  /** Collaborators. */
  public AssignmentHandler(AssignmentTargets targets, EffectRepository effects, TimerService core) {
    this.targets = targets;
    this.effects = effects;
    this.core = core;
  }

  /** Starts the assignee's timer on the issue's task, per the target connection's policy. */
  public Uni<Void> assigned(Connection c, ClaimedDelivery d, IssueEvent ev) {
    return targets
        .resolve(c, ev, AssignmentTargets.Purpose.START)
        .chain(target -> target.isPresent() ? start(target.get(), d, ev) : skip(c, d, ev, target));
  }

  /** Stops the assignee's timer if it runs on this issue and the option is on. */
  public Uni<Void> unassigned(Connection c, ClaimedDelivery d, IssueEvent ev) {
    return targets
        .resolve(c, ev, AssignmentTargets.Purpose.STOP)
        .chain(target -> target.isPresent() ? stop(target.get(), d, ev) : skip(c, d, ev, target));
  }

  private Uni<Void> skip(
      Connection c, ClaimedDelivery d, IssueEvent ev, AssignmentTargets.Target target) {
    return skipped(c, d, IssueTasks.ref(c, ev.issue().number()), target.skipReason());
  }

  private Uni<Void> start(Connection target, ClaimedDelivery d, IssueEvent ev) {
    return core.upsertTask(
            target.ownerUserId(),
            IssueTasks.upsert(target, target.defaultProjectId(), ev.issue(), null))
        .chain(task -> startOn(target, d, ev, task));
  }

  private Uni<Void> startOn(Connection target, ClaimedDelivery d, IssueEvent ev, TaskDto task) {
    String ref = IssueTasks.ref(target, ev.issue().number());
    return core.timer(target.ownerUserId())
        .chain(
            timer ->
                runsOn(timer, task.id())
                    ? skipped(target, d, ref, "timer already running on this task")
                    : startTimer(target, d, ev, task, ref));
  }

  private Uni<Void> startTimer(
      Connection target, ClaimedDelivery d, IssueEvent ev, TaskDto task, String ref) {
    var request =
        new ServiceStartTimerRequest(
            target.defaultProjectId(),
            task.id(),
            IssueTasks.notes(ev.issue()),
            "github",
            entryRef(ref, d),
            target.timerPolicy().value());
    return core.startTimer(target.ownerUserId(), request)
        .chain(entry -> started(target, d, ref, task, entry))
        .onFailure(TimerAlreadyRunningException.class)
        .recoverWithUni(() -> skipped(target, d, ref, "another timer is running (policy skip)"))
        .onFailure(CoreConflictException.class)
        .recoverWithUni(f -> skipped(target, d, ref, "not started: " + f.getMessage()));
  }

  private Uni<Void> started(
      Connection target, ClaimedDelivery d, String ref, TaskDto task, TimeEntryDto entry) {
    return record(
        target,
        d,
        "timer_started",
        ref,
        target.ownerUserId(),
        task.id(),
        entry.id(),
        target.timerPolicy().value());
  }

  private Uni<Void> stop(Connection target, ClaimedDelivery d, IssueEvent ev) {
    String ref = IssueTasks.ref(target, ev.issue().number());
    return effects.taskOf(target.id(), ref).chain(task -> stopIfOnIssue(target, d, ref, task));
  }

  private Uni<Void> stopIfOnIssue(
      Connection target, ClaimedDelivery d, String ref, Optional<Long> task) {
    long userId = target.ownerUserId();
    return core.timer(userId)
        .chain(
            timer ->
                runsOnIssue(timer, ref, task)
                    ? core.stopTimer(userId).chain(entry -> stopped(target, d, ref, entry))
                    : skipped(target, d, ref, "no timer of this issue is running"));
  }

  private Uni<Void> stopped(Connection target, ClaimedDelivery d, String ref, TimeEntryDto entry) {
    return record(
        target, d, "timer_stopped", ref, target.ownerUserId(), entry.taskId(), entry.id(), null);
  }

  // the issue's task (as recorded when it was upserted), or a timer this connector started for it
  private static boolean runsOnIssue(TimerStatusDto timer, String ref, Optional<Long> task) {
    if (!timer.running() || timer.entry() == null) {
      return false;
    }
    String entryRef = timer.entry().externalRef();
    return (entryRef != null && entryRef.startsWith(ref + "@"))
        || (task.isPresent() && task.get().equals(timer.entry().taskId()));
  }

  private static boolean runsOn(TimerStatusDto timer, long taskId) {
    return timer.running()
        && timer.entry() != null
        && Long.valueOf(taskId).equals(timer.entry().taskId());
  }

  private static String entryRef(String ref, ClaimedDelivery d) {
    String full = ref + "@" + d.deliveryId();
    return full.length() <= 200 ? full : full.substring(0, 200);
  }

  private Uni<Void> skipped(Connection c, ClaimedDelivery d, String ref, String why) {
    return record(c, d, "skipped", ref, null, null, null, why);
  }

  private Uni<Void> record(
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
}
