package io.timetracker.timer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A task of a project, possibly mirrored from an outside system by its external reference. */
@Entity
@Table(name = "tasks")
public class Task {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "project_id", nullable = false)
  public Long projectId;

  @Column(nullable = false)
  public String name;

  public String description;

  @Column(nullable = false)
  public String status = "todo";

  @Column(nullable = false)
  public String priority = "medium";

  @Column(name = "assignee_id")
  public Long assigneeId;

  @Column(name = "created_by")
  public Long createdBy;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "external_ref")
  public String externalRef;

  @Column(name = "external_source")
  public String externalSource;

  /** Client id of the connector whose service-API call last wrote this row; null if none. */
  @Column(name = "service_client")
  public String serviceClient;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version public long version;
}
