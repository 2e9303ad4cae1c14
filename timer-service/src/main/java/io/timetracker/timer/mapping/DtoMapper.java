package io.timetracker.timer.mapping;

import io.timetracker.contracts.api.ClientDto;
import io.timetracker.contracts.api.IdentityDto;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.TaskDto;
import io.timetracker.contracts.api.TimeEntryDto;
import io.timetracker.contracts.api.UserDto;
import io.timetracker.timer.model.Client;
import io.timetracker.timer.model.Project;
import io.timetracker.timer.model.Task;
import io.timetracker.timer.model.TimeEntry;
import io.timetracker.timer.model.User;
import io.timetracker.timer.model.UserIdentity;
import java.util.Arrays;
import java.util.List;

/** Turns entities into the API records of {@code contracts}. */
public final class DtoMapper {
  private DtoMapper() {}

  public static TimeEntryDto toDto(TimeEntry e) {
    return new TimeEntryDto(
        e.id,
        e.userId,
        e.projectId,
        e.taskId,
        e.start,
        e.end,
        e.durationSeconds,
        e.notes,
        splitTags(e.tags),
        e.billable,
        e.source,
        e.externalRef,
        e.end == null,
        e.createdAt,
        e.updatedAt,
        e.version);
  }

  public static ProjectDto toDto(Project p) {
    return new ProjectDto(p.id, p.clientId, p.name, p.code, p.status, p.billable, p.hourlyRate);
  }

  public static ClientDto toDto(Client c) {
    return new ClientDto(c.id, c.name, c.status, c.defaultHourlyRate);
  }

  public static TaskDto toDto(Task t) {
    return new TaskDto(
        t.id,
        t.projectId,
        t.name,
        t.description,
        t.status,
        t.priority,
        t.assigneeId,
        t.startedAt,
        t.completedAt,
        t.externalRef,
        t.externalSource,
        t.version);
  }

  public static IdentityDto toDto(UserIdentity i) {
    return new IdentityDto(
        i.id, i.userId, i.provider, i.externalId, i.displayName, i.linkedBy, i.createdAt);
  }

  public static UserDto toDto(User u) {
    return new UserDto(
        u.id,
        u.username,
        u.email,
        u.fullName,
        u.role,
        u.timeZone,
        u.roundingMinutes,
        u.roundingMethod,
        u.githubUsername,
        u.active);
  }

  /** Splits the stored comma-separated tags, dropping blanks. */
  public static List<String> splitTags(String tags) {
    if (tags == null || tags.isBlank()) {
      return List.of();
    }
    return Arrays.stream(tags.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Joins tags for storage; commas inside a tag are not allowed and are dropped. */
  public static String joinTags(List<String> tags) {
    if (tags == null || tags.isEmpty()) {
      return null;
    }
    String joined =
        String.join(
            ",",
            tags.stream()
                .map(t -> t == null ? "" : t.replace(",", " ").trim())
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList());
    return joined.isEmpty() ? null : joined;
  }

  /** Trims notes; blank becomes null. */
  public static String cleanNotes(String notes) {
    if (notes == null) {
      return null;
    }
    String trimmed = notes.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
