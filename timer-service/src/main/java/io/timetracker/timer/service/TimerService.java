package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.mapping.DtoMapper;
import io.timetracker.timer.model.TimeEntry;
import io.timetracker.timer.repository.TimeEntryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Starts and stops the one running timer of a user. The database's partial unique index is the only
 * arbiter of "one running timer": the read before the insert only gives a friendlier answer.
 */
@ApplicationScoped
public class TimerService {
  private final TimeEntryRepository entries;
  private final ProjectAccess access;
  private final TimeEntryEvents events;
  private final Clock clock;

  public TimerService(
      TimeEntryRepository entries, ProjectAccess access, TimeEntryEvents events, Clock clock) {
    this.entries = entries;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  /** What a start asks for. */
  public record StartCommand(
      long projectId,
      Long taskId,
      String notes,
      List<String> tags,
      String source,
      String externalRef,
      boolean switchRunning) {}

  /**
   * Starts a timer; 409 {@code timer_already_running} unless the command switches. Repeating the
   * start of the running timer (same external reference, project and task) answers that timer, so a
   * connector may retry a start whose answer it lost.
   */
  @WithTransaction
  public Uni<TimeEntry> start(CurrentUser user, StartCommand cmd) {
    String tags = EntryFields.tags(cmd.tags());
    return entries
        .findRunning(user.id())
        .chain(
            running -> {
              if (running != null && isRepeatOf(running, cmd)) {
                return Uni.createFrom().item(running);
              }
              return makeRoom(user, running, cmd).chain(() -> insert(user, cmd, tags));
            })
        .onFailure(f -> Constraints.isViolation(f, Constraints.ONE_RUNNING_TIMER))
        .transform(f -> ApiException.timerAlreadyRunning())
        .onFailure(f -> Constraints.isViolation(f, Constraints.ENTRY_EXTERNAL_REF))
        .transform(
            f ->
                ApiException.conflict(
                    "external_ref_in_use",
                    "Another time entry of this user has external reference "
                        + cmd.externalRef()
                        + "."));
  }

  private static boolean isRepeatOf(TimeEntry running, StartCommand cmd) {
    return cmd.externalRef() != null
        && cmd.externalRef().equals(running.externalRef)
        && running.projectId == cmd.projectId()
        && Objects.equals(running.taskId, cmd.taskId());
  }

  /** Stops the running timer when the command switches, refuses otherwise. */
  private Uni<Void> makeRoom(CurrentUser user, TimeEntry running, StartCommand cmd) {
    if (running == null) {
      return Uni.createFrom().voidItem();
    }
    if (!cmd.switchRunning()) {
      return Uni.createFrom().failure(ApiException.timerAlreadyRunning());
    }
    return finish(user, running).chain(entries::flush);
  }

  private Uni<TimeEntry> insert(CurrentUser user, StartCommand cmd, String tags) {
    return access
        .requireTrackable(user, cmd.projectId())
        .call(() -> access.requireTaskOf(cmd.taskId(), cmd.projectId()))
        .chain(
            project -> {
              Instant now = now();
              TimeEntry e = new TimeEntry();
              e.userId = user.id();
              e.projectId = project.id;
              e.taskId = cmd.taskId();
              e.start = now;
              e.notes = DtoMapper.cleanNotes(cmd.notes());
              e.tags = tags;
              e.billable = true;
              e.source = cmd.source();
              e.externalRef = cmd.externalRef();
              e.serviceClient = user.serviceClient();
              e.createdAt = now;
              e.updatedAt = now;
              return entries.persist(e).call(entries::flush);
            })
        .call(events::started);
  }

  /** Stops the user's running timer and rounds its duration with the user's rule. */
  @WithTransaction
  public Uni<TimeEntry> stop(CurrentUser user) {
    return entries
        .findRunning(user.id())
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("no_active_timer", "No active timer found."))
        .chain(running -> finish(user, running))
        .call(entries::flush);
  }

  private Uni<TimeEntry> finish(CurrentUser user, TimeEntry running) {
    Instant now = now();
    running.end = now.isBefore(running.start) ? running.start : now;
    running.durationSeconds = Durations.rounded(running.start, running.end, user.rounding());
    running.updatedAt = now;
    if (user.serviceClient() != null) {
      running.serviceClient = user.serviceClient();
    }
    return events.stopped(running).replaceWith(running);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
