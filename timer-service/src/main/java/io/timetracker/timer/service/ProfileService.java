package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.AdminUpdateUserRequest;
import io.timetracker.contracts.api.UpdateMeRequest;
import io.timetracker.timer.model.Rounding;
import io.timetracker.timer.model.User;
import io.timetracker.timer.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * A user's own preferences, and what admins manage on users (GitHub login, active); roles come from
 * the token.
 */
@ApplicationScoped
public class ProfileService {
  private final UserRepository users;
  private final IdentityService identities;
  private final Clock clock;

  public ProfileService(UserRepository users, IdentityService identities, Clock clock) {
    this.users = users;
    this.identities = identities;
    this.clock = clock;
  }

  @WithSession
  public Uni<User> get(long id) {
    return users
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("user_not_found", "No user " + id + "."));
  }

  @WithSession
  public Uni<List<User>> list(CurrentUser admin) {
    Admins.require(admin);
    return users.listAll(Sort.by("username"));
  }

  /** Changes the caller's time zone, rounding and display name. */
  @WithTransaction
  public Uni<User> updateMe(CurrentUser me, UpdateMeRequest req) {
    ZoneId zone = req.timeZone() == null ? null : TimeZones.region("timeZone", req.timeZone());
    if (req.roundingMinutes() != null
        && !Rounding.ALLOWED_MINUTES.contains(req.roundingMinutes())) {
      throw ApiException.invalidField("roundingMinutes", "must be one of 1, 5, 10, 15, 30, 60");
    }
    return get(me.id())
        .invoke(
            u -> {
              if (req.timeZone() != null) {
                u.timeZone = zone.getId();
              }
              if (req.roundingMinutes() != null) {
                u.roundingMinutes = req.roundingMinutes();
              }
              if (req.roundingMethod() != null) {
                u.roundingMethod = req.roundingMethod();
              }
              if (req.fullName() != null) {
                u.fullName = req.fullName().strip();
              }
              u.updatedAt = clock.instant();
            })
        .call(users::flush);
  }

  /**
   * Links a GitHub login (a {@code github} identity, unique case-insensitively; blank unlinks), or
   * deactivates a user.
   */
  @WithTransaction
  public Uni<User> adminUpdate(CurrentUser admin, long id, AdminUpdateUserRequest req) {
    Admins.require(admin);
    return get(id)
        .invoke(
            u -> {
              if (req.active() != null) {
                u.active = req.active();
              }
              u.updatedAt = clock.instant();
            })
        .call(
            u ->
                req.githubUsername() == null
                    ? Uni.createFrom().voidItem()
                    : identities.replaceGithubLogin(u, req.githubUsername(), "admin"))
        .call(users::flush);
  }

  /**
   * The active user linked to a GitHub login (case-insensitive); a deactivated user is not found.
   */
  @WithSession
  public Uni<User> byGithubLogin(String login) {
    return identities
        .userOf("github", login)
        .onItem()
        .transform(u -> u.active ? u : null)
        .onItem()
        .ifNull()
        .failWith(
            () -> ApiException.notFound("user_not_found", "No user linked to GitHub " + login));
  }
}
