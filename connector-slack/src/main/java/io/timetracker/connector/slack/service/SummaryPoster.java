package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.connector.slack.client.SlackClient;
import io.timetracker.connector.slack.client.SlackException;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.repository.SlackUserRepository;
import io.timetracker.connector.slack.repository.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * Posts one user's summary for one local day: the day is claimed first (only one replica wins), and
 * given back only when Slack or the core failed in a way worth retrying.
 */
@ApplicationScoped
public class SummaryPoster {

  private static final Logger LOG = Logger.getLogger(SummaryPoster.class);

  private final SlackUserRepository users;
  private final WorkspaceRepository workspaces;
  private final WorkspaceSecrets secrets;
  private final TimerService core;
  private final SlackClient slack;

  /** Collaborators. */
  public SummaryPoster(
      SlackUserRepository users,
      WorkspaceRepository workspaces,
      WorkspaceSecrets secrets,
      TimerService core,
      SlackClient slack) {
    this.users = users;
    this.workspaces = workspaces;
    this.secrets = secrets;
    this.core = core;
    this.slack = slack;
  }

  /** Posts the summary of {@code day} unless it was posted already. */
  public Uni<Void> post(SlackUser user, LocalDate day) {
    return users
        .claimSummaryDay(user.userId(), day)
        .chain(claimed -> claimed ? postClaimed(user, day) : Uni.createFrom().voidItem());
  }

  private Uni<Void> postClaimed(SlackUser user, LocalDate day) {
    return workspaces
        .find(user.teamId())
        .chain(
            w ->
                w.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : core.todaySummary(user.userId())
                        .map(
                            today ->
                                Messages.summary(
                                    user.settings().channelId(), name(user), day, today))
                        .chain(message -> slack.post(secrets.botToken(w.get()), message))
                        .replaceWithVoid())
        .onFailure(SummaryPoster::isFinal)
        .recoverWithUni(f -> dropped(user, f))
        .onFailure()
        .call(f -> users.releaseSummaryDay(user.userId(), day, user.lastSummaryDate()));
  }

  private static boolean isFinal(Throwable f) {
    return f instanceof SlackException && !(f instanceof SlackException.Retryable);
  }

  private static Uni<Void> dropped(SlackUser user, Throwable f) {
    LOG.warnf("daily summary of user %d not posted: %s", user.userId(), f.getMessage());
    return Uni.createFrom().voidItem();
  }

  private static String name(SlackUser user) {
    return user.slackUserName() == null ? "you" : user.slackUserName();
  }
}
