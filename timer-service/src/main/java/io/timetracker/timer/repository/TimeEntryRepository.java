package io.timetracker.timer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.TimeEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Time entries, always scoped to their owner. */
@ApplicationScoped
@WithSession
public class TimeEntryRepository implements PanacheRepository<TimeEntry> {

  /** The entry if it belongs to the user, else null. */
  public Uni<TimeEntry> findOwned(long id, long userId) {
    return find("id = ?1 and userId = ?2", id, userId).firstResult();
  }

  /** The user's entry with this external reference, or null. */
  public Uni<TimeEntry> findByExternalRef(long userId, String externalRef) {
    return find("userId = ?1 and externalRef = ?2", userId, externalRef).firstResult();
  }

  /** One page of the user's entries starting in [from, to), newest first. */
  public Uni<List<TimeEntry>> page(
      long userId, Instant from, Instant to, Long projectId, int page, int size) {
    return query(userId, from, to, projectId).page(page, size).list();
  }

  /** Number of the user's entries starting in [from, to). */
  public Uni<Long> count(long userId, Instant from, Instant to, Long projectId) {
    return query(userId, from, to, projectId).count();
  }

  /** The user's finished entries that ended at or after {@code since}, oldest first. */
  public Uni<List<TimeEntry>> completedSince(long userId, Instant since, int limit) {
    return find(
            "userId = ?1 and end is not null and updatedAt >= ?2",
            Sort.by("updatedAt").and("id"),
            userId,
            since)
        .range(0, limit - 1)
        .list();
  }

  private io.quarkus.hibernate.reactive.panache.PanacheQuery<TimeEntry> query(
      long userId, Instant from, Instant to, Long projectId) {
    StringBuilder q = new StringBuilder("userId = :user and start >= :from and start < :to");
    Parameters p = Parameters.with("user", userId).and("from", from).and("to", to);
    if (projectId != null) {
      q.append(" and projectId = :project");
      p = p.and("project", projectId);
    }
    return find(q.toString(), Sort.descending("start").and("id", Sort.Direction.Descending), p);
  }
}
