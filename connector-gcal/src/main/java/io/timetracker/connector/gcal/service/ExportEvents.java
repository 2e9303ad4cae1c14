package io.timetracker.connector.gcal.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.gcal.client.CalendarEvent;
import io.timetracker.connector.gcal.config.GcalConfig;
import io.timetracker.connector.gcal.model.Connection;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.contracts.api.ProjectDto;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The calendar event of an exported entry: {@code [TT] {project} — {notes}} (at most 200
 * characters), times in UTC, the duration in the description and a private extended property with
 * our entry id, by which the import recognises and skips it.
 */
@ApplicationScoped
public class ExportEvents {

  private static final int MAX_TITLE = 200;
  private static final int MAX_DETAIL = 50;

  private final TimerService core;
  private final GcalConfig.Export config;

  /** Collaborators. */
  public ExportEvents(TimerService core, GcalConfig config) {
    this.core = core;
    this.config = config.export();
  }

  /**
   * The event id of an entry's event: Google accepts ids of 5–1024 characters from {@code a–v} and
   * {@code 0–9}, so one fixed id per entry makes a repeated insert a 409 instead of a copy.
   */
  public static String eventId(long entryId) {
    return "tt" + String.format("%010d", entryId);
  }

  /** The event body; {@code id} only for an insert. */
  public Uni<CalendarEvent> body(Connection c, ExportCommand command, String id) {
    return projectName(c.userId(), command.projectId()).map(project -> event(command, id, project));
  }

  private CalendarEvent event(ExportCommand command, String id, String project) {
    return new CalendarEvent(
        id,
        null,
        null,
        null,
        title(project, command),
        "Logged via TimeTracker. Duration: " + hms(command),
        new CalendarEvent.EventTime(command.start().toString(), null, "UTC"),
        new CalendarEvent.EventTime(command.end().toString(), null, "UTC"),
        null,
        new CalendarEvent.ExtendedProperties(
            Map.of(config.entryProperty(), Long.toString(command.entryId())), null));
  }

  private Uni<String> projectName(long userId, long projectId) {
    return core.allowedProjects(userId, null)
        .map(list -> name(list, projectId))
        .onFailure()
        .recoverWithItem("TimeTracker");
  }

  private static String name(List<ProjectDto> projects, long projectId) {
    return projects.stream()
        .filter(p -> p.id() == projectId)
        .map(ProjectDto::name)
        .findFirst()
        .orElse("TimeTracker");
  }

  private String title(String project, ExportCommand command) {
    String detail = command.notes() == null ? "" : command.notes().trim();
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
    String title = config.prefix() + " " + project + (detail.isEmpty() ? "" : " — " + detail);
    title = title.trim();
    return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
  }

  private static String hms(ExportCommand command) {
    long seconds =
        command.durationSeconds() != null
            ? command.durationSeconds()
            : Duration.between(command.start(), command.end()).getSeconds();
    return String.format("%02d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
  }
}
