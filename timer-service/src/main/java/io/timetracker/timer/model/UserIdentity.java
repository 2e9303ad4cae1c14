package io.timetracker.timer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A user's account at another system (GitHub login, Slack team and user, Google account); one
 * (provider, external id) belongs to one user at most.
 */
@Entity
@Table(name = "user_identities")
public class UserIdentity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "user_id", nullable = false)
  public Long userId;

  @Column(nullable = false)
  public String provider;

  /** Normalised: GitHub logins are stored lower-cased. */
  @Column(name = "external_id", nullable = false)
  public String externalId;

  /** The spelling the link was made with, e.g. {@code Octo-Cat} for the login {@code octo-cat}. */
  @Column(name = "display_name")
  public String displayName;

  /** Who made the link: a service client id, {@code self}, {@code admin} or {@code migration}. */
  @Column(name = "linked_by")
  public String linkedBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
