package io.timetracker.connector.slack.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.kit.api.Caller;
import io.timetracker.connector.kit.problem.ApiException;
import io.timetracker.connector.kit.timer.TimerService;
import io.timetracker.connector.slack.config.SlackConfig;
import io.timetracker.connector.slack.model.SlackUser;
import io.timetracker.connector.slack.model.SlashCommand;
import io.timetracker.connector.slack.repository.LinkTokenRepository;
import io.timetracker.connector.slack.repository.LinkTokenRepository.LinkProof;
import io.timetracker.connector.slack.repository.SlackUserRepository;
import io.timetracker.connector.slack.repository.WorkspaceRepository;
import io.timetracker.contracts.api.LinkIdentityRequest;
import io.timetracker.contracts.api.UserDto;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Linking is proven, not typed in: {@code /tt link} (a verified Slack request, so the Slack person
 * is who they say) hands out a one-time, short-lived link; the TimeTracker user who opens it while
 * signed in gets that Slack person bound to their account as the core's external identity ({@code
 * slack}, {@code <team id>:<user id>}).
 */
@ApplicationScoped
public class LinkService {

  /** The core's identity provider name for Slack people. */
  public static final String PROVIDER = "slack";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final LinkTokenRepository tokens;
  private final WorkspaceRepository workspaces;
  private final SlackUserRepository users;
  private final TimerService core;
  private final SlackConfig config;
  private final Clock clock;

  /** Collaborators. */
  public LinkService(
      LinkTokenRepository tokens,
      WorkspaceRepository workspaces,
      SlackUserRepository users,
      TimerService core,
      SlackConfig config,
      Clock clock) {
    this.tokens = tokens;
    this.workspaces = workspaces;
    this.users = users;
    this.core = core;
    this.config = config;
    this.clock = clock;
  }

  /** The reply to {@code /tt link}: a fresh one-time link, if the workspace is installed. */
  public Uni<String> offer(SlashCommand command) {
    return workspaces
        .find(command.teamId())
        .chain(w -> w.isPresent() ? issue(command) : Uni.createFrom().item(Replies.notInstalled()));
  }

  /** Binds the Slack person of a link token to the signed-in caller. */
  public Uni<SlackUser> complete(Caller caller, String token) {
    if (token == null || token.isBlank()) {
      throw ApiException.invalid("link_token_required", "token is required");
    }
    return tokens
        .consume(hash(token), clock.instant())
        .map(
            proof ->
                proof.orElseThrow(
                    () ->
                        new ApiException(
                            410, "link_expired", "This link was used already or has expired")))
        .chain(proof -> core.me(caller.rawToken()).chain(user -> bind(user, proof)));
  }

  private Uni<SlackUser> bind(UserDto user, LinkProof proof) {
    String externalId = SlackUser.externalId(proof.teamId(), proof.slackUserId());
    return core.linkIdentity(
            user.id(), new LinkIdentityRequest(PROVIDER, externalId, proof.slackUserName()))
        .chain(
            linked ->
                users.link(
                    user.id(),
                    proof.teamId(),
                    proof.slackUserId(),
                    proof.slackUserName(),
                    user.timeZone() == null ? "UTC" : user.timeZone(),
                    clock.instant()));
  }

  private Uni<String> issue(SlashCommand command) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String url =
        config.publicBaseUrl().replaceAll("/+$", "") + "/integrations/slack/link?token=" + token;
    return tokens
        .store(
            hash(token),
            command.teamId(),
            command.userId(),
            command.userName(),
            clock.instant().plus(config.linkTtl()),
            clock.instant())
        .map(ignored -> Replies.linkOffer(url, config.linkTtl()));
  }

  static String hash(String token) {
    return SlackCommands.sha256(token.getBytes(StandardCharsets.UTF_8));
  }
}
