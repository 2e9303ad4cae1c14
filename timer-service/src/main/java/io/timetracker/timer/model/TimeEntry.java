package io.timetracker.timer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Time worked by a user on a project; a null end means its timer is running. */
@Entity
@Table(name = "time_entries")
public class TimeEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "user_id", nullable = false)
  public Long userId;

  @Column(name = "project_id", nullable = false)
  public Long projectId;

  @Column(name = "task_id")
  public Long taskId;

  @Column(name = "start_time", nullable = false)
  public Instant start;

  @Column(name = "end_time")
  public Instant end;

  @Column(name = "duration_seconds")
  public Integer durationSeconds;

  public String notes;

  public String tags;

  @Column(nullable = false)
  public boolean billable = true;

  @Column(nullable = false)
  public String source = "manual";

  @Column(name = "external_ref")
  public String externalRef;

  /** Client id of the connector whose service-API call last wrote this row; null if none. */
  @Column(name = "service_client")
  public String serviceClient;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version public long version;

  public boolean isRunning() {
    return end == null;
  }
}
