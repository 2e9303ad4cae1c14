package io.timetracker.timer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** Membership of a user in a project: members may track time on it. */
@Entity
@Table(name = "project_members")
public class ProjectMember {
  @EmbeddedId public Key id;

  @Column(name = "added_at", nullable = false)
  public Instant addedAt;

  /** Composite key (project, user). */
  @Embeddable
  public record Key(
      @Column(name = "project_id") Long projectId, @Column(name = "user_id") Long userId)
      implements Serializable {}
}
