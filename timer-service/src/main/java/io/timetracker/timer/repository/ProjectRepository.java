package io.timetracker.timer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.Project;
import io.timetracker.timer.model.ProjectMember;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Projects and their members. */
@ApplicationScoped
@WithSession
public class ProjectRepository implements PanacheRepository<Project> {

  /** A project and whether a given user is a member of it, read in one statement. */
  public record WithMembership(Project project, boolean member) {}

  /** The project with the user's membership, or null when there is no such project. */
  public Uni<WithMembership> findWithMembership(long projectId, long userId) {
    return getSession()
        .chain(
            s ->
                s.createSelectionQuery(
                        "select p, (select count(*) from ProjectMember m"
                            + " where m.id.projectId = p.id and m.id.userId = :u)"
                            + " from Project p where p.id = :p",
                        Object[].class)
                    .setParameter("p", projectId)
                    .setParameter("u", userId)
                    .getSingleResultOrNull())
        .map(
            row ->
                row == null
                    ? null
                    : new WithMembership((Project) row[0], ((Number) row[1]).longValue() > 0));
  }

  /** Adds a member; adding one twice is a no-op. */
  public Uni<Void> addMember(long projectId, long userId) {
    return getSession()
        .chain(
            s ->
                s.find(ProjectMember.class, new ProjectMember.Key(projectId, userId))
                    .chain(
                        existing -> {
                          if (existing != null) {
                            return Uni.createFrom().voidItem();
                          }
                          ProjectMember m = new ProjectMember();
                          m.id = new ProjectMember.Key(projectId, userId);
                          m.addedAt = Instant.now();
                          return s.persist(m);
                        }));
  }

  /** Removes a member; removing a non-member is a no-op. */
  public Uni<Void> removeMember(long projectId, long userId) {
    return getSession()
        .chain(
            s ->
                s.createMutationQuery(
                        "delete from ProjectMember m where m.id.projectId = :p and m.id.userId = :u")
                    .setParameter("p", projectId)
                    .setParameter("u", userId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * Projects visible to a user: all for admins, else those they are a member of; optionally only
   * active ones and those whose name or code contains {@code search} (case-insensitive).
   */
  public Uni<List<Project>> visible(
      long userId, boolean admin, boolean activeOnly, String search, int limit) {
    StringBuilder q = new StringBuilder("from Project p where 1 = 1");
    Parameters params = new Parameters();
    if (!admin) {
      q.append(
          " and exists (select 1 from ProjectMember m where m.id.projectId = p.id"
              + " and m.id.userId = :user)");
      params = params.and("user", userId);
    }
    if (activeOnly) {
      q.append(" and p.status = 'active'");
    }
    if (search != null && !search.isBlank()) {
      q.append(" and (lower(p.name) like :search or lower(p.code) like :search)");
      params = params.and("search", "%" + escapeLike(search.trim().toLowerCase()) + "%");
    }
    return find(q.toString(), Sort.by("name").and("id"), params).range(0, limit - 1).list();
  }

  private static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
