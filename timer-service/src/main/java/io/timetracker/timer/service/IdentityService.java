package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.LinkIdentityRequest;
import io.timetracker.timer.model.User;
import io.timetracker.timer.model.UserIdentity;
import io.timetracker.timer.repository.IdentityRepository;
import io.timetracker.timer.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Links users to their accounts at other systems and finds a user by such an account. The unique
 * (provider, external id) constraint is the arbiter of "one owner per account"; the read before an
 * insert only gives the friendlier answer.
 */
@ApplicationScoped
public class IdentityService {
  /** The unique constraint on (provider, external id). */
  static final String UNIQUE = "ux_user_identities_provider_external_id";

  private final IdentityRepository identities;
  private final UserRepository users;
  private final Clock clock;

  public IdentityService(IdentityRepository identities, UserRepository users, Clock clock) {
    this.identities = identities;
    this.users = users;
    this.clock = clock;
  }

  /** Outcome of a link: the identity and whether it is new. */
  public record LinkResult(UserIdentity identity, boolean created) {}

  /** The stored form of an external id: trimmed; GitHub logins lower-cased. */
  public static String normalise(String provider, String externalId) {
    String id = externalId.strip();
    return "github".equals(provider) ? id.toLowerCase(Locale.ROOT) : id;
  }

  /** The user linked to this account, active or not; 404 {@code user_not_found}. */
  @WithSession
  public Uni<User> userOf(String provider, String externalId) {
    return identities
        .find(provider, normalise(provider, externalId))
        .onItem()
        .ifNotNull()
        .transformToUni(i -> users.findById(i.userId))
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ApiException.notFound(
                    "user_not_found", "No user is linked to " + provider + " " + externalId + "."));
  }

  /**
   * Links the account to the user. Linking it again to the same user answers the existing link; 409
   * {@code identity_in_use} when it belongs to another user.
   */
  @WithTransaction
  public Uni<LinkResult> link(long userId, LinkIdentityRequest req, String linkedBy) {
    String externalId = normalise(req.provider(), req.externalId());
    return identities
        .find(req.provider(), externalId)
        .chain(
            existing -> {
              if (existing == null) {
                return insert(userId, req.provider(), externalId, spelling(req), linkedBy)
                    .map(i -> new LinkResult(i, true));
              }
              if (existing.userId != userId) {
                return Uni.createFrom().failure(inUse(req.provider(), "identity_in_use"));
              }
              return Uni.createFrom().item(new LinkResult(existing, false));
            })
        .onFailure(f -> Constraints.isViolation(f, UNIQUE))
        .transform(f -> inUse(req.provider(), "identity_in_use"));
  }

  /** Removes the user's link to this account; false when the user has no such link. */
  @WithTransaction
  public Uni<Boolean> unlink(long userId, String provider, String externalId) {
    return identities
        .find(provider, normalise(provider, externalId))
        .chain(i -> i == null || i.userId != userId ? Uni.createFrom().item(false) : remove(i));
  }

  /** Removes one of the user's own links by its id; false when it is not theirs. */
  @WithTransaction
  public Uni<Boolean> unlinkOwn(long userId, long identityId) {
    return identities
        .findById(identityId)
        .chain(i -> i == null || i.userId != userId ? Uni.createFrom().item(false) : remove(i));
  }

  /** The user's links, oldest first. */
  @WithSession
  public Uni<List<UserIdentity>> of(long userId) {
    return identities.ofUser(userId);
  }

  /**
   * Replaces the user's GitHub login (blank removes it), inside the caller's transaction; 409
   * {@code github_username_taken} when another user has it.
   */
  Uni<Void> replaceGithubLogin(User user, String login, String linkedBy) {
    Uni<Long> removed = identities.deleteOfUser(user.id, "github").call(identities::flush);
    if (login.isBlank()) {
      user.githubUsername = null;
      return removed.replaceWithVoid();
    }
    String externalId = normalise("github", login);
    return removed
        .chain(() -> identities.find("github", externalId))
        .chain(
            other ->
                other != null
                    ? Uni.createFrom().failure(inUse("github", "github_username_taken"))
                    : insert(user.id, "github", externalId, login.strip(), linkedBy))
        .invoke(i -> user.githubUsername = i.displayName)
        .onFailure(f -> Constraints.isViolation(f, UNIQUE))
        .transform(f -> inUse("github", "github_username_taken"))
        .replaceWithVoid();
  }

  private Uni<UserIdentity> insert(
      long userId, String provider, String externalId, String displayName, String linkedBy) {
    UserIdentity i = new UserIdentity();
    i.userId = userId;
    i.provider = provider;
    i.externalId = externalId;
    i.displayName = displayName == null || displayName.isBlank() ? null : displayName.strip();
    i.linkedBy = linkedBy;
    i.createdAt = clock.instant();
    return identities.persist(i).call(identities::flush);
  }

  /** The display name asked for, else the id as given when normalising changed it. */
  private static String spelling(LinkIdentityRequest req) {
    if (req.displayName() != null && !req.displayName().isBlank()) {
      return req.displayName();
    }
    String given = req.externalId().strip();
    return given.equals(normalise(req.provider(), given)) ? null : given;
  }

  private Uni<Boolean> remove(UserIdentity i) {
    return identities.delete(i).call(identities::flush).replaceWith(true);
  }

  private static ApiException inUse(String provider, String code) {
    return ApiException.conflict(
        code, "This " + provider + " account is already linked to another user.");
  }
}
