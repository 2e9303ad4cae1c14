package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.TaskRequest;
import io.timetracker.contracts.api.UpsertTaskByRefRequest;
import io.timetracker.timer.model.Task;
import io.timetracker.timer.model.TaskStatus;
import io.timetracker.timer.repository.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Tasks of the projects a user can see; status changes go through {@link TaskStatus}. */
@ApplicationScoped
public class TaskService {
  private final TaskRepository tasks;
  private final ProjectAccess access;
  private final TaskEvents events;
  private final Clock clock;

  public TaskService(TaskRepository tasks, ProjectAccess access, TaskEvents events, Clock clock) {
    this.tasks = tasks;
    this.access = access;
    this.events = events;
    this.clock = clock;
  }

  /** One page of a project's tasks (oldest first) and how many there are on all pages. */
  public record TaskPage(List<Task> items, long total) {}

  /**
   * A page of the tasks of a project the user can see, optionally of one status, in id order.
   *
   * @param page 0-based
   * @param size tasks per page
   */
  @WithSession
  public Uni<TaskPage> list(CurrentUser user, long projectId, String status, int page, int size) {
    return access
        .requireVisible(user, projectId)
        .chain(
            p -> {
              Parameters params = Parameters.with("project", projectId);
              String q = "projectId = :project";
              if (status != null) {
                q += " and status = :status";
                params = params.and("status", status);
              }
              var query = tasks.find(q, Sort.by("id"), params).page(page, size);
              return query.list().chain(items -> query.count().map(n -> new TaskPage(items, n)));
            });
  }

  @WithSession
  public Uni<Task> get(CurrentUser user, long id) {
    return found(id).call(t -> access.requireVisible(user, t.projectId));
  }

  @WithTransaction
  public Uni<Task> create(CurrentUser user, TaskRequest req) {
    if (req.projectId() == null) {
      throw ApiException.invalidField("projectId", "must not be null");
    }
    if (req.name() == null || req.name().isBlank()) {
      throw ApiException.invalidField("name", "must not be blank");
    }
    return access
        .requireVisible(user, req.projectId())
        .chain(
            p -> {
              Instant now = clock.instant();
              Task t = new Task();
              t.projectId = p.id;
              t.name = req.name().strip();
              t.description = req.description();
              t.priority = req.priority() == null ? "medium" : req.priority();
              t.assigneeId = req.assigneeId();
              t.createdBy = user.id();
              t.createdAt = now;
              t.updatedAt = now;
              TaskStatus.apply(t, req.status() == null ? TaskStatus.TODO : req.status(), now);
              return tasks.persist(t).call(tasks::flush);
            })
        .call(events::created);
  }

  @WithTransaction
  public Uni<Task> update(CurrentUser user, long id, TaskRequest req) {
    return get(user, id)
        .chain(
            t -> {
              Fields before = Fields.of(t);
              Uni<?> move =
                  req.projectId() != null && req.projectId() != t.projectId
                      ? access.requireVisible(user, req.projectId()).invoke(p -> t.projectId = p.id)
                      : Uni.createFrom().voidItem();
              return move.chain(
                  () -> {
                    if (req.name() != null) {
                      if (req.name().isBlank()) {
                        throw ApiException.invalidField("name", "must not be blank");
                      }
                      t.name = req.name().strip();
                    }
                    if (req.description() != null) {
                      t.description = req.description();
                    }
                    if (req.priority() != null) {
                      t.priority = req.priority();
                    }
                    if (req.assigneeId() != null) {
                      t.assigneeId = req.assigneeId();
                    }
                    return changeStatus(t, req.status(), !before.equals(Fields.of(t)));
                  });
            })
        .call(tasks::flush);
  }

  /** Creates or updates the task with this external reference (idempotent). */
  @WithTransaction
  public Uni<UpsertResult> upsertByRef(CurrentUser user, UpsertTaskByRefRequest req) {
    return access
        .requireVisible(user, req.projectId())
        .chain(() -> tasks.findByExternalRef(req.projectId(), req.externalRef()))
        .chain(
            existing -> {
              Instant now = clock.instant();
              if (existing == null) {
                Task t = new Task();
                t.projectId = req.projectId();
                t.externalRef = req.externalRef();
                t.externalSource = req.externalSource();
                t.name = req.name().strip();
                t.description = req.description();
                t.priority = req.priority() == null ? "medium" : req.priority();
                t.createdBy = user.id();
                t.serviceClient = user.serviceClient();
                t.createdAt = now;
                t.updatedAt = now;
                TaskStatus.apply(t, req.status() == null ? TaskStatus.TODO : req.status(), now);
                return tasks
                    .persist(t)
                    .call(tasks::flush)
                    .call(events::created)
                    .map(x -> new UpsertResult(x, true));
              }
              Fields before = Fields.of(existing);
              existing.name = req.name().strip();
              existing.description = req.description();
              if (req.priority() != null) {
                existing.priority = req.priority();
              }
              boolean changed = !before.equals(Fields.of(existing));
              if (changed || (req.status() != null && !req.status().equals(existing.status))) {
                existing.serviceClient = user.serviceClient();
              }
              return changeStatus(existing, req.status(), changed)
                  .call(tasks::flush)
                  .map(x -> new UpsertResult(x, false));
            })
        .onFailure(f -> Constraints.isViolation(f, "ux_tasks_project_external_ref"))
        .transform(
            f ->
                ApiException.conflict(
                    "concurrent_upsert", "The task was created concurrently; retry."));
  }

  /** Outcome of an upsert: the task and whether it was new. */
  public record UpsertResult(Task task, boolean created) {}

  /**
   * Applies a status change (one {@code status-changed} event) or, when only other fields changed,
   * records one {@code updated} event; an upsert that changes nothing emits nothing, so repeated
   * connector syncs don't flood the topic.
   */
  private Uni<Task> changeStatus(Task t, String to, boolean fieldsChanged) {
    Instant now = clock.instant();
    if (to == null || to.equals(t.status)) {
      if (!fieldsChanged) {
        return Uni.createFrom().item(t);
      }
      t.updatedAt = now;
      return events.updated(t).replaceWith(t);
    }
    t.updatedAt = now;
    if (!TaskStatus.allowed(t.status, to)) {
      throw ApiException.conflict(
          "invalid_transition", "A " + t.status + " task cannot become " + to + ".");
    }
    String previous = t.status;
    TaskStatus.apply(t, to, now);
    return events.statusChanged(t, previous).replaceWith(t);
  }

  /** The fields whose change makes a task "updated". */
  private record Fields(
      long projectId, String name, String description, String priority, Long assigneeId) {
    static Fields of(Task t) {
      return new Fields(t.projectId, t.name, t.description, t.priority, t.assigneeId);
    }
  }

  private Uni<Task> found(long id) {
    return tasks
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("task_not_found", "No task " + id + "."));
  }
}
