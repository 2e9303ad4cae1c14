package io.timetracker.timer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.timetracker.timer.model.User;
import jakarta.enterprise.context.ApplicationScoped;

/** Users as entities, for profile changes and admin lookups. */
@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepository<User> {}
