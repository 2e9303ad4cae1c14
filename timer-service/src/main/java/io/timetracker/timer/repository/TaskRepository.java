package io.timetracker.timer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.Task;
import jakarta.enterprise.context.ApplicationScoped;

/** Tasks of projects. */
@ApplicationScoped
@WithSession
public class TaskRepository implements PanacheRepository<Task> {

  /** The task with this external reference in the project, or null. */
  public Uni<Task> findByExternalRef(long projectId, String externalRef) {
    return find("projectId = ?1 and externalRef = ?2", projectId, externalRef).firstResult();
  }
}
