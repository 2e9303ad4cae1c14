package io.timetracker.timer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.User;
import jakarta.enterprise.context.ApplicationScoped;

/** Users as entities, for profile changes and admin lookups. */
@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepository<User> {

  /** The user linked to a GitHub login (case-insensitive), or null. */
  public Uni<User> findByGithubLogin(String login) {
    return find("lower(githubUsername) = ?1 and active = true", login.toLowerCase()).firstResult();
  }
}
