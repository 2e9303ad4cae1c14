package io.timetracker.timer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.timetracker.contracts.api.ProjectRequest;
import io.timetracker.timer.model.Project;
import io.timetracker.timer.repository.ClientRepository;
import io.timetracker.timer.repository.ProjectRepository;
import io.timetracker.timer.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Projects and their members: members see and use a project, admins manage all of them. */
@ApplicationScoped
public class ProjectService {
  private static final int MAX_LIST = 500;

  private final ProjectRepository projects;
  private final ClientRepository clients;
  private final UserRepository users;
  private final ProjectAccess access;
  private final Clock clock;

  public ProjectService(
      ProjectRepository projects,
      ClientRepository clients,
      UserRepository users,
      ProjectAccess access,
      Clock clock) {
    this.projects = projects;
    this.clients = clients;
    this.users = users;
    this.access = access;
    this.clock = clock;
  }

  /** Projects the user may see, optionally active ones matching a search. */
  @WithSession
  public Uni<List<Project>> visible(CurrentUser user, boolean activeOnly, String search) {
    return projects.visible(user.id(), user.admin(), activeOnly, search, MAX_LIST);
  }

  @WithSession
  public Uni<Project> get(CurrentUser user, long id) {
    return projects
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("project_not_found", "No project " + id + "."))
        .call(p -> access.requireVisible(user, id));
  }

  @WithTransaction
  public Uni<Project> create(CurrentUser admin, ProjectRequest req) {
    Admins.require(admin);
    if (req.clientId() == null) {
      throw ApiException.invalidField("clientId", "must not be null");
    }
    if (req.name() == null || req.name().isBlank()) {
      throw ApiException.invalidField("name", "must not be blank");
    }
    return clients
        .findById(req.clientId())
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.invalidField("clientId", "client does not exist"))
        .chain(
            client -> {
              Instant now = clock.instant();
              Project p = new Project();
              p.clientId = client.id;
              p.name = req.name().strip();
              p.code = req.code() == null ? null : req.code().toUpperCase(Locale.ROOT);
              p.status = req.status() == null ? "active" : req.status();
              p.billable = req.billable() == null || req.billable();
              p.hourlyRate = req.hourlyRate();
              p.createdBy = admin.id();
              p.createdAt = now;
              p.updatedAt = now;
              return projects.persist(p).call(projects::flush);
            })
        .onFailure(f -> Constraints.isViolation(f, "code"))
        .transform(f -> ApiException.conflict("project_code_taken", "The code is already used."));
  }

  @WithTransaction
  public Uni<Project> update(CurrentUser admin, long id, ProjectRequest req) {
    Admins.require(admin);
    return get(admin, id)
        .call(
            p ->
                req.clientId() == null
                    ? Uni.createFrom().voidItem()
                    : clients
                        .findById(req.clientId())
                        .onItem()
                        .ifNull()
                        .failWith(
                            () -> ApiException.invalidField("clientId", "client does not exist"))
                        .invoke(c -> p.clientId = c.id))
        .invoke(
            p -> {
              if (req.name() != null) {
                if (req.name().isBlank()) {
                  throw ApiException.invalidField("name", "must not be blank");
                }
                p.name = req.name().strip();
              }
              if (req.code() != null) {
                p.code = req.code().toUpperCase(Locale.ROOT);
              }
              if (req.status() != null) {
                p.status = req.status();
              }
              if (req.billable() != null) {
                p.billable = req.billable();
              }
              if (req.hourlyRate() != null) {
                p.hourlyRate = req.hourlyRate();
              }
              p.updatedAt = clock.instant();
            })
        .call(projects::flush)
        .onFailure(f -> Constraints.isViolation(f, "code"))
        .transform(f -> ApiException.conflict("project_code_taken", "The code is already used."));
  }

  @WithTransaction
  public Uni<Void> addMember(CurrentUser admin, long projectId, long userId) {
    Admins.require(admin);
    return get(admin, projectId)
        .chain(() -> users.findById(userId))
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.invalidField("userId", "user does not exist"))
        .chain(() -> projects.addMember(projectId, userId));
  }

  @WithTransaction
  public Uni<Void> removeMember(CurrentUser admin, long projectId, long userId) {
    Admins.require(admin);
    return get(admin, projectId).chain(() -> projects.removeMember(projectId, userId));
  }
}
