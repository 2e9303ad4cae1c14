package io.timetracker.timer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import org.hibernate.annotations.Formula;

/** A person (or an admin) known from an OIDC token; created on their first call. */
@Entity
@Table(name = "users")
public class User {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, unique = true)
  public String subject;

  @Column(nullable = false)
  public String username;

  public String email;

  @Column(name = "full_name")
  public String fullName;

  @Column(nullable = false)
  public String role = "user";

  @Column(name = "time_zone", nullable = false)
  public String timeZone = "UTC";

  @Column(name = "rounding_minutes", nullable = false)
  public int roundingMinutes = 1;

  @Column(name = "rounding_method", nullable = false)
  public String roundingMethod = "nearest";

  /** The GitHub login as linked (an identity of provider {@code github}); read-only here. */
  @Formula(
      "(select coalesce(i.display_name, i.external_id) from user_identities i"
          + " where i.user_id = id and i.provider = 'github' order by i.id limit 1)")
  public String githubUsername;

  @Column(nullable = false)
  public boolean active = true;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The user's zone; an unknown stored name falls back to UTC. */
  public ZoneId zone() {
    try {
      return ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      return ZoneId.of("UTC");
    }
  }

  public boolean isAdmin() {
    return "admin".equals(role);
  }

  /** The rounding rule of this user. */
  public Rounding rounding() {
    return new Rounding(roundingMinutes, RoundingMethod.parse(roundingMethod));
  }
}
