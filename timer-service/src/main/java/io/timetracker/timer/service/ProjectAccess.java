package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.Project;
import io.timetracker.timer.model.Task;
import io.timetracker.timer.repository.ProjectRepository;
import io.timetracker.timer.repository.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** The rules of spec A.8 on which project and task a user may track time against. */
@ApplicationScoped
public class ProjectAccess {
  private final ProjectRepository projects;
  private final TaskRepository tasks;

  public ProjectAccess(ProjectRepository projects, TaskRepository tasks) {
    this.projects = projects;
    this.tasks = tasks;
  }

  /**
   * The project if it exists and the user is a member of it (or an admin); project and membership
   * are read in one statement.
   */
  public Uni<Project> requireVisible(CurrentUser user, long projectId) {
    return projects
        .findWithMembership(projectId, user.id())
        .invoke(
            found ->
                requireVisible(user, projectId, found != null, found != null && found.member()))
        .map(ProjectRepository.WithMembership::project);
  }

  /** The project if the user may track time on it: visible and active. */
  public Uni<Project> requireTrackable(CurrentUser user, long projectId) {
    return requireVisible(user, projectId)
        .invoke(project -> requireActive(projectId, project.status));
  }

  /** The task if it exists and belongs to the project; null when no task id is given. */
  public Uni<Task> requireTaskOf(Long taskId, long projectId) {
    if (taskId == null) {
      return Uni.createFrom().nullItem();
    }
    return tasks
        .findById(taskId)
        .invoke(task -> requireTaskOf(taskId, projectId, task == null ? null : task.projectId));
  }

  /**
   * The refusals of {@link #requireVisible(CurrentUser, long)} from what a caller read itself (the
   * timer's start reads them in its own statement): 400 for a missing project, 403 for one of which
   * the user is not a member unless an admin.
   */
  static void requireVisible(CurrentUser user, long projectId, boolean exists, boolean member) {
    if (!exists) {
      throw ApiException.invalidField("projectId", "project " + projectId + " does not exist");
    }
    if (!member && !user.admin()) {
      throw ApiException.forbidden(
          "project_access_denied", "You are not a member of project " + projectId + ".");
    }
  }

  /** 409 {@code project_archived} or {@code project_inactive} unless the status is active. */
  static void requireActive(long projectId, String status) {
    switch (status) {
      case "active" -> {}
      case "archived" ->
          throw ApiException.conflict("project_archived", "Project " + projectId + " is archived.");
      default ->
          throw ApiException.conflict(
              "project_inactive", "Project " + projectId + " is not active.");
    }
  }

  /**
   * 422 {@code invalid_task} unless the task is the project's; {@code taskProjectId} is the task's
   * project, null when no such task exists. Nothing to check when no task id is given.
   */
  static void requireTaskOf(Long taskId, long projectId, Long taskProjectId) {
    if (taskId != null && (taskProjectId == null || taskProjectId != projectId)) {
      throw new ApiException(
          422,
          "invalid_task",
          "Unprocessable request",
          "Task " + taskId + " does not belong to project " + projectId + ".",
          java.util.List.of(
              new io.timetracker.contracts.api.Problem.FieldError(
                  "taskId", "not a task of project " + projectId)));
    }
  }
}
