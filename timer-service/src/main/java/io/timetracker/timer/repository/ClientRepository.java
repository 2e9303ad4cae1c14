package io.timetracker.timer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.timetracker.timer.model.Client;
import jakarta.enterprise.context.ApplicationScoped;

/** Clients. */
@ApplicationScoped
@WithSession
public class ClientRepository implements PanacheRepository<Client> {}
