package io.timetracker.timer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The stored answer to a create request sent with an {@code Idempotency-Key}. */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecord {
  @EmbeddedId public Key id;

  @Column(name = "request_hash", nullable = false)
  public String requestHash;

  @Column(name = "response_status", nullable = false)
  public int responseStatus;

  @Column(name = "response_body")
  public String responseBody;

  @Column(name = "resource_location")
  public String resourceLocation;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Keys are scoped per user. */
  @Embeddable
  public record Key(@Column(name = "user_id") Long userId, @Column(name = "idem_key") String key)
      implements Serializable {}
}
