package io.timetracker.timer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.UserIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** External identities of users. */
@ApplicationScoped
@WithSession
public class IdentityRepository implements PanacheRepository<UserIdentity> {

  /** The identity with this provider and normalised external id, or null. */
  public Uni<UserIdentity> find(String provider, String externalId) {
    return find("provider = ?1 and externalId = ?2", provider, externalId).firstResult();
  }

  /** A user's identities, oldest link first. */
  public Uni<List<UserIdentity>> ofUser(long userId) {
    return list("userId", Sort.by("id"), userId);
  }

  /** Removes a user's identities of one provider; answers how many were removed. */
  public Uni<Long> deleteOfUser(long userId, String provider) {
    return delete("userId = ?1 and provider = ?2", userId, provider);
  }
}
