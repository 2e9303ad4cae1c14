package io.timetracker.timer.messaging;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.timetracker.timer.model.Task;
import io.timetracker.timer.model.TimeEntry;
import io.timetracker.timer.service.TaskEvents;
import io.timetracker.timer.service.TimeEntryEvents;
import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder until the transactional outbox writer lands (issue 3): records nothing. */
@ApplicationScoped
@DefaultBean
public class NoEventsYet implements TimeEntryEvents, TaskEvents {
  @Override
  public Uni<Void> started(TimeEntry entry) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> stopped(TimeEntry entry) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> created(TimeEntry entry) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> updated(TimeEntry entry) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> deleted(TimeEntry entry) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> created(Task task) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> updated(Task task) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> statusChanged(Task task, String previousStatus) {
    return Uni.createFrom().voidItem();
  }
}
