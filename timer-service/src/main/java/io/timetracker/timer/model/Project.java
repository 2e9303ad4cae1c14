package io.timetracker.timer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A project of a client; timers start only on active ones. */
@Entity
@Table(name = "projects")
public class Project {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "client_id", nullable = false)
  public Long clientId;

  @Column(nullable = false)
  public String name;

  public String code;

  @Column(nullable = false)
  public String status = "active";

  @Column(nullable = false)
  public boolean billable = true;

  @Column(name = "hourly_rate")
  public BigDecimal hourlyRate;

  @Column(name = "created_by")
  public Long createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
