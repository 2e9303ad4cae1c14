package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.events.ReadEvent;
import io.timetracker.connector.kit.retry.WhileDatabaseDown;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.connector.slack.client.PostMessage;
import io.timetracker.connector.slack.client.SlackClient;
import io.timetracker.connector.slack.client.SlackException;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.model.Workspace;
import io.timetracker.connector.slack.repository.PostLog;
import io.timetracker.connector.slack.repository.SlackUserRepository;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.event.TimeEntryStarted;
import io.timetracker.contracts.event.TimeEntryStopped;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Posts a linked user's timer starts and stops to their channel when they asked for it: once per
 * core event (the event id is recorded with the post, a redelivery is skipped), retried with
 * Slack's {@code Retry-After}; a final refusal ({@code channel_not_found}) is logged and skipped.
 */
@ApplicationScoped
public class Notifier {

  private static final Logger LOG = Logger.getLogger(Notifier.class);

  private final SlackUserRepository users;
  private final WorkspaceDirectory workspaces;
  private final WorkspaceSecrets secrets;
  private final PostLog posts;
  private final TimerService core;
  private final SlackClient slack;
  private final Clock clock;

  /** Collaborators. */
  public Notifier(
      SlackUserRepository users,
      WorkspaceDirectory workspaces,
      WorkspaceSecrets secrets,
      PostLog posts,
      TimerService core,
      SlackClient slack,
      Clock clock) {
    this.users = users;
    this.workspaces = workspaces;
    this.secrets = secrets;
    this.posts = posts;
    this.core = core;
    this.slack = slack;
    this.clock = clock;
  }

  /** Handles one event of {@code tt.time-entries.v1}. */
  public Uni<Void> handle(ReadEvent event) {
    Optional<TimeEntryStarted> started = event.payload(TimeEntryStarted.class);
    Optional<TimeEntryStopped> stopped = event.payload(TimeEntryStopped.class);
    if (started.isEmpty() && stopped.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    long userId = started.map(TimeEntryStarted::userId).orElseGet(() -> stopped.get().userId());
    return WhileDatabaseDown.retried(users.linked(userId))
        .chain(
            user ->
                user.filter(u -> wants(u, event)).isPresent()
                    ? notify(event, user.get())
                    : Uni.createFrom().voidItem());
  }

  private static boolean wants(SlackUser u, ReadEvent event) {
    boolean isStart = event.payload(TimeEntryStarted.class).isPresent();
    return u.settings().channelId() != null
        && (isStart ? u.settings().notifyOnStart() : u.settings().notifyOnStop());
  }

  /**
   * For a person who wants the post: whether the event was handled already, the workspace and the
   * project's name are asked for at once (one user's events are handled one after the other, so
   * each round trip saved here shortens the wait of the next event).
   */
  private Uni<Void> notify(ReadEvent event, SlackUser user) {
    long projectId =
        event
            .payload(TimeEntryStarted.class)
            .map(TimeEntryStarted::projectId)
            .orElseGet(() -> event.payload(TimeEntryStopped.class).get().projectId());
    return Uni.combine()
        .all()
        .unis(
            WhileDatabaseDown.retried(posts.handled(event.id())),
            WhileDatabaseDown.retried(workspaces.find(user.teamId())),
            projectName(user.userId(), projectId))
        .asTuple()
        .chain(
            t -> {
              if (t.getItem1()) {
                return Uni.createFrom().voidItem();
              }
              return t.getItem2().isPresent()
                  ? post(event, user, t.getItem2().get().workspace(), t.getItem3())
                  : WhileDatabaseDown.retried(posts.skipped(event.id()));
            });
  }

  private Uni<Void> post(ReadEvent event, SlackUser user, Workspace workspace, String project) {
    return slack
        .post(secrets.botToken(workspace), message(event, user, project))
        .chain(
            ts ->
                WhileDatabaseDown.retried(
                    posts.posted(
                        event.id(),
                        user.userId(),
                        user.settings().channelId(),
                        ts,
                        clock.instant())))
        .onFailure(Notifier::refusedForGood)
        .recoverWithUni(f -> refused(event, user, (SlackException) f));
  }

  private PostMessage message(ReadEvent event, SlackUser user, String project) {
    String channel = user.settings().channelId();
    String name = user.slackUserName() == null ? "Someone" : user.slackUserName();
    Optional<TimeEntryStarted> started = event.payload(TimeEntryStarted.class);
    return started.isPresent()
        ? Messages.started(channel, name, project, started.get(), ZoneId.of(user.timeZone()))
        : Messages.stopped(channel, name, project, event.payload(TimeEntryStopped.class).get());
  }

  /** The project's name; "—" when the core cannot tell right now (the post still goes out). */
  private Uni<String> projectName(long userId, long projectId) {
    return core.allowedProjects(userId, null)
        .map(list -> nameIn(list, projectId))
        .onFailure()
        .recoverWithItem("—");
  }

  private static String nameIn(List<ProjectDto> projects, long id) {
    return projects.stream()
        .filter(p -> p.id() == id)
        .map(ProjectDto::name)
        .findFirst()
        .orElse("—");
  }

  private static boolean refusedForGood(Throwable f) {
    return f instanceof SlackException && !(f instanceof SlackException.Retryable);
  }

  private Uni<Void> refused(ReadEvent event, SlackUser user, SlackException f) {
    LOG.warnf(
        "notification for user %d (event %s) not posted: Slack answered %s",
        user.userId(), event.id(), f.error());
    return WhileDatabaseDown.retried(posts.skipped(event.id()));
  }
}
