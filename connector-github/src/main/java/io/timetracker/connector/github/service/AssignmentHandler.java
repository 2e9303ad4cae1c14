package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.client.CoreClient;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.github.model.Effect;
import io.timetracker.connector.github.model.IssueEvent;
import io.timetracker.connector.github.repository.ConnectionRepository;
import io.timetracker.connector.github.repository.EffectRepository;
import io.timetracker.connector.kit.inbox.ClaimedDelivery;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.api.TimerStatusDto;
import io.timetracker.contracts.api.UserDto;
import io.timetracker.contracts.client.CoreConflictException;
import io.timetracker.contracts.client.TimerAlreadyRunningException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code assigned} and {@code unassigned}. Acts only for people who connected this repository (spec
 * K.1 #4): the connection's owner, or another user with an active connection to the same repository
 * and the option on; a login merely matching some user's {@code github_username} starts nothing.
 * The timer is linked to the task, tagged {@code github:{repo}#{n}@{delivery}} as its external
 * reference (provenance; a retried start of the same delivery is recognised).
 */
@ApplicationScoped
public class AssignmentHandler {

  private final ConnectionRepository connections;
  private final EffectRepository effects;
  private final CoreClient core;

  /** Collaborators. */
  public AssignmentHandler(
      ConnectionRepository connections, EffectRepository effects, CoreClient core) {
    this.connections = connections;
    this.effects = effects;
    this.core = core;
  }

  /** Starts the assignee's timer on the issue's task, per the target connection's policy. */
  public Uni<Void> assigned(Connection c, ClaimedDelivery d, IssueEvent ev) {
    String ref = IssueTasks.ref(c, ev.issue().number());
    if (ev.assigneeLogin() == null) {
      return skipped(c, d, ref, "no assignee login");
    }
    return target(c, ev.assigneeLogin(), t -> t.autoStart() && t.defaultProjectId() != null)
        .chain(
            target ->
                target.isEmpty()
                    ? skipped(
                        c,
                        d,
                        ref,
                        "'"
                            + ev.assigneeLogin()
                            + "' has no auto-start connection to "
                            + c.fullName())
                    : start(target.get(), d, ev, ref));
  }

  /** Stops the assignee's timer if it runs on this issue and the option is on. */
  public Uni<Void> unassigned(Connection c, ClaimedDelivery d, IssueEvent ev) {
    String ref = IssueTasks.ref(c, ev.issue().number());
    if (ev.assigneeLogin() == null) {
      return skipped(c, d, ref, "no assignee login");
    }
    return target(c, ev.assigneeLogin(), Connection::stopOnUnassign)
        .chain(
            target ->
                target.isEmpty()
                    ? skipped(c, d, ref, "stop on unassign is off for '" + ev.assigneeLogin() + "'")
                    : stop(target.get(), d, ev));
  }

  private Uni<Void> start(Connection target, ClaimedDelivery d, IssueEvent ev, String ref) {
    long userId = target.ownerUserId();
    String tRef = IssueTasks.ref(target, ev.issue().number());
    return core.upsertTask(
            userId, IssueTasks.upsert(target, target.defaultProjectId(), ev.issue(), null))
        .chain(
            task ->
                core.timer(userId)
                    .chain(
                        timer -> {
                          if (runsOn(timer, task.id())) {
                            return skipped(target, d, tRef, "timer already running on this task");
                          }
                          var request =
                              new ServiceStartTimerRequest(
                                  target.defaultProjectId(),
                                  task.id(),
                                  IssueTasks.notes(ev.issue()),
                                  "github",
                                  entryRef(tRef, d),
                                  target.timerPolicy().value());
                          return core.startTimer(userId, request)
                              .chain(
                                  entry ->
                                      record(
                                          target,
                                          d,
                                          "timer_started",
                                          tRef,
                                          userId,
                                          task.id(),
                                          entry.id(),
                                          target.timerPolicy().value()))
                              .onFailure(TimerAlreadyRunningException.class)
                              .recoverWithUni(
                                  () ->
                                      skipped(
                                          target,
                                          d,
                                          tRef,
                                          "another timer is running (policy skip)"))
                              .onFailure(CoreConflictException.class)
                              .recoverWithUni(
                                  f -> skipped(target, d, tRef, "not started: " + f.getMessage()));
                        }));
  }

  private Uni<Void> stop(Connection target, ClaimedDelivery d, IssueEvent ev) {
    long userId = target.ownerUserId();
    String tRef = IssueTasks.ref(target, ev.issue().number());
    return effects
        .taskOf(target.id(), tRef)
        .chain(
            task ->
                core.timer(userId)
                    .chain(
                        timer -> {
                          if (!runsOnIssue(timer, tRef, task)) {
                            return skipped(target, d, tRef, "no timer of this issue is running");
                          }
                          return core.stopTimer(userId)
                              .chain(
                                  entry ->
                                      record(
                                          target,
                                          d,
                                          "timer_stopped",
                                          tRef,
                                          userId,
                                          entry.taskId(),
                                          entry.id(),
                                          null));
                        }));
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

  /**
   * The connection to act through: {@code c} when the login is its owner's, else the owner's own
   * active connection to the same repository; only if it passes {@code option}.
   */
  private Uni<Optional<Connection>> target(
      Connection c, String login, Predicate<Connection> option) {
    return core.userByGithubLogin(login)
        .chain(
            user -> {
              if (user.isEmpty()) {
                return Uni.createFrom().item(Optional.<Connection>empty());
              }
              UserDto u = user.get();
              if (u.id() == c.ownerUserId()) {
                return Uni.createFrom().item(Optional.of(c).filter(option));
              }
              return connections
                  .activeForRepository(c.repoOwner(), c.repoName())
                  .map(
                      list ->
                          list.stream()
                              .filter(other -> other.ownerUserId() == u.id())
                              .filter(option)
                              .findFirst());
            });
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
