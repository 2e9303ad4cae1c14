package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ClientRequest;
import io.timetracker.timer.model.Client;
import io.timetracker.timer.repository.ClientRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Clients: everyone may list them, admins create and change them. */
@ApplicationScoped
public class ClientService {
  private final ClientRepository clients;
  private final Clock clock;

  public ClientService(ClientRepository clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<Client>> list() {
    return clients.listAll(Sort.by("name"));
  }

  @WithSession
  public Uni<Client> get(long id) {
    return clients
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("client_not_found", "No client " + id + "."));
  }

  @WithTransaction
  public Uni<Client> create(CurrentUser admin, ClientRequest req) {
    Admins.require(admin);
    if (req.name() == null || req.name().isBlank()) {
      throw ApiException.invalidField("name", "must not be blank");
    }
    Instant now = clock.instant();
    Client c = new Client();
    c.name = req.name().strip();
    c.status = req.status() == null ? "active" : req.status();
    c.defaultHourlyRate = req.defaultHourlyRate();
    c.createdBy = admin.id();
    c.createdAt = now;
    c.updatedAt = now;
    return clients
        .persist(c)
        .call(clients::flush)
        .onFailure(f -> Constraints.isViolation(f, "clients_name"))
        .transform(f -> ApiException.conflict("client_exists", "A client with this name exists."));
  }

  @WithTransaction
  public Uni<Client> update(CurrentUser admin, long id, ClientRequest req) {
    Admins.require(admin);
    return get(id)
        .invoke(
            c -> {
              if (req.name() != null) {
                if (req.name().isBlank()) {
                  throw ApiException.invalidField("name", "must not be blank");
                }
                c.name = req.name().strip();
              }
              if (req.status() != null) {
                c.status = req.status();
              }
              if (req.defaultHourlyRate() != null) {
                c.defaultHourlyRate = req.defaultHourlyRate();
              }
              c.updatedAt = clock.instant();
            })
        .call(clients::flush)
        .onFailure(f -> Constraints.isViolation(f, "clients_name"))
        .transform(f -> ApiException.conflict("client_exists", "A client with this name exists."));
  }
}
