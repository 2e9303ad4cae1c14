package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.model.SlashCommand;
import io.timetracker.connector.slack.repository.CommandLog;
import io.timetracker.connector.slack.repository.SlackUserRepository;
import io.timetracker.contracts.api.ProjectDto;
import io.timetracker.contracts.api.ServiceStartTimerRequest;
import io.timetracker.contracts.client.CoreProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code /tt}: only a linked Slack person acts, on their own account; commands with an effect
 * ({@code start}, {@code stop}) run once per Slack invocation; read-only ones ({@code status},
 * {@code today}) cost one local lookup and one core call. A slow or failing core gives a "try
 * again" reply inside Slack's 3 s, never an error page.
 */
@ApplicationScoped
public class CommandService {

  private static final Logger LOG = Logger.getLogger(CommandService.class);

  private final SlackUserRepository users;
  private final CommandLog log;
  private final TimerService core;
  private final LinkService links;
  private final Clock clock;

  /** Collaborators. */
  public CommandService(
      SlackUserRepository users,
      CommandLog log,
      TimerService core,
      LinkService links,
      Clock clock) {
    this.users = users;
    this.log = log;
    this.core = core;
    this.links = links;
    this.clock = clock;
  }

  /** The reply text to a verified command. */
  public Uni<String> handle(SlashCommand command) {
    return switch (command.subcommand()) {
      case "link" -> links.offer(command);
      case "start", "stop", "status", "today" -> asLinkedUser(command);
      default -> Uni.createFrom().item(Replies.HELP);
    };
  }

  private Uni<String> asLinkedUser(SlashCommand command) {
    return users
        .bySlackUser(command.teamId(), command.userId())
        .chain(user -> user.map(u -> run(command, u)).orElseGet(() -> reply(Replies.notLinked())));
  }

  private Uni<String> run(SlashCommand command, SlackUser user) {
    return switch (command.subcommand()) {
      case "start" ->
          command.argument().isEmpty()
              ? reply(Replies.START_USAGE)
              : once(command, u -> start(u, command.argument()), user);
      case "stop" -> once(command, this::stop, user);
      case "status" -> status(user);
      default -> today(user);
    };
  }

  private Uni<String> start(SlackUser user, String argument) {
    return core.allowedProjects(user.userId(), null)
        .map(projects -> ProjectMatch.of(argument, projects))
        .chain(match -> startMatched(user, argument, match))
        .onFailure(CommandService::refused)
        .recoverWithItem(f -> Replies.couldNotStart(why(f)));
  }

  private Uni<String> startMatched(SlackUser user, String argument, ProjectMatch match) {
    if (match.candidates().isEmpty()) {
      return reply(Replies.noProject(argument));
    }
    if (!match.unique()) {
      return reply(Replies.ambiguous(argument, match.candidates()));
    }
    ProjectDto project = match.candidates().get(0);
    return core.startTimer(
            user.userId(),
            new ServiceStartTimerRequest(project.id(), null, null, "slack", null, null))
        .map(entry -> Replies.started(project));
  }

  private Uni<String> stop(SlackUser user) {
    return core.stopTimer(user.userId())
        .map(entry -> Replies.stopped(entry.durationSeconds()))
        .onFailure(CommandService::refused)
        .recoverWithItem(f -> Replies.couldNotStop(why(f)));
  }

  private Uni<String> status(SlackUser user) {
    return core.timer(user.userId())
        .map(Replies::status)
        .onFailure()
        .recoverWithItem(this::tryAgain);
  }

  private Uni<String> today(SlackUser user) {
    return core.todaySummary(user.userId())
        .map(Replies::today)
        .onFailure()
        .recoverWithItem(this::tryAgain);
  }

  /**
   * Runs an effect once per Slack invocation (trigger id): a retried request gets the first reply;
   * when the core could not be reached the claim is given back so a retry may act.
   */
  private Uni<String> once(
      SlashCommand command, Function<SlackUser, Uni<String>> effect, SlackUser user) {
    return log.claim(command.triggerId(), command.teamId(), clock.instant())
        .chain(
            earlier ->
                earlier.isPresent()
                    ? reply(earlier.get().isEmpty() ? Replies.IN_PROGRESS : earlier.get())
                    : effectOnce(command, effect, user));
  }

  private Uni<String> effectOnce(
      SlashCommand command, Function<SlackUser, Uni<String>> effect, SlackUser user) {
    return effect
        .apply(user)
        .call(text -> log.answered(command.triggerId(), text))
        .onFailure()
        .recoverWithUni(f -> log.release(command.triggerId()).map(ignored -> tryAgain(f)));
  }

  private String tryAgain(Throwable failure) {
    LOG.infof("/tt answered 'try again': %s", failure.toString());
    return Replies.TRY_AGAIN;
  }

  /** The core said no (a final 4xx such as "already running"), as opposed to "could not ask". */
  private static boolean refused(Throwable f) {
    return f instanceof CoreProblemException c && !c.isRetryable();
  }

  private static String why(Throwable f) {
    CoreProblemException e = (CoreProblemException) f;
    return Optional.ofNullable(e.detail()).orElse(e.code());
  }

  private static Uni<String> reply(String text) {
    return Uni.createFrom().item(text);
  }
}
