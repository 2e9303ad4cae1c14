package io.timetracker.connector.github.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * One user's connection to one GitHub repository, as stored. Secret fields hold {@code enc:v1:}
 * ciphertexts only; {@link #toString()} leaves them out.
 *
 * @param id connection id, part of the webhook URL
 * @param ownerUserId the owner's user id in the core
 * @param ownerSubject the owner's OIDC subject
 * @param repoOwner repository owner (user or organisation)
 * @param repoName repository name
 * @param webhookSecret encrypted webhook secret
 * @param token encrypted personal access token, or {@code null}
 * @param defaultProjectId the core project tasks go to, or {@code null}
 * @param labelFilter only issues with this label (any case), or {@code null} for all
 * @param autoStart start a timer when the owner is assigned
 * @param timerPolicy what to do when a timer already runs
 * @param stopOnUnassign stop the owner's timer on this issue when unassigned
 * @param active whether deliveries are accepted
 * @param lastSyncAt last sync end, or {@code null}
 * @param lastSyncStatus success/partial/failed, or {@code null}
 * @param lastError last error (masked), or {@code null}
 * @param etag GitHub ETag of the first issues page of the last sync
 * @param createdAt created
 * @param updatedAt last changed
 * @param verifiedAt when the token last proved push or admin access to the repository, or {@code
 *     null} (not proven: the connection acts for its owner only)
 * @param verificationError why the last check did not prove access, or {@code null}
 * @param previousWebhookSecret the encrypted secret replaced by the last rotation, or {@code null}
 * @param previousSecretExpiresAt until when {@code previousWebhookSecret} is still accepted
 */
public record Connection(
    UUID id,
    long ownerUserId,
    String ownerSubject,
    String repoOwner,
    String repoName,
    String webhookSecret,
    String token,
    Long defaultProjectId,
    String labelFilter,
    boolean autoStart,
    TimerPolicy timerPolicy,
    boolean stopOnUnassign,
    boolean active,
    Instant lastSyncAt,
    String lastSyncStatus,
    String lastError,
    String etag,
    Instant createdAt,
    Instant updatedAt,
    Instant verifiedAt,
    String verificationError,
    String previousWebhookSecret,
    Instant previousSecretExpiresAt) {

  /** {@code owner/repo}. */
  public String fullName() {
    return repoOwner + "/" + repoName;
  }

  /** Whether {@code fullName} (as in a payload's {@code repository.full_name}) is this repo. */
  public boolean isRepository(String fullName) {
    return fullName != null
        && fullName.toLowerCase(Locale.ROOT).equals(fullName().toLowerCase(Locale.ROOT));
  }

  /**
   * A copy with another (encrypted) webhook secret; the replaced one (re-encrypted under {@link
   * #previousSecretContext}) stays accepted until {@code previousExpiresAt}.
   */
  public Connection withWebhookSecret(
      String encrypted, String previousEncrypted, Instant previousExpiresAt, Instant now) {
    return new Connection(
        id,
        ownerUserId,
        ownerSubject,
        repoOwner,
        repoName,
        encrypted,
        token,
        defaultProjectId,
        labelFilter,
        autoStart,
        timerPolicy,
        stopOnUnassign,
        active,
        lastSyncAt,
        lastSyncStatus,
        lastError,
        etag,
        createdAt,
        now,
        verifiedAt,
        verificationError,
        previousEncrypted,
        previousExpiresAt);
  }

  /** A copy with other settings and (encrypted) token; sync state and secret kept. */
  public Connection withSettings(Settings s, String encryptedToken, Instant now) {
    return new Connection(
        id,
        ownerUserId,
        ownerSubject,
        repoOwner,
        repoName,
        webhookSecret,
        encryptedToken,
        s.defaultProjectId(),
        s.labelFilter(),
        s.autoStart(),
        s.timerPolicy(),
        s.stopOnUnassign(),
        s.active(),
        lastSyncAt,
        lastSyncStatus,
        lastError,
        etag,
        createdAt,
        now,
        Objects.equals(encryptedToken, token) ? verifiedAt : null,
        Objects.equals(encryptedToken, token) ? verificationError : null,
        previousWebhookSecret,
        previousSecretExpiresAt);
  }

  /** A copy with the outcome of a repository access check. */
  public Connection withVerification(Instant verified, String error) {
    return new Connection(
        id,
        ownerUserId,
        ownerSubject,
        repoOwner,
        repoName,
        webhookSecret,
        token,
        defaultProjectId,
        labelFilter,
        autoStart,
        timerPolicy,
        stopOnUnassign,
        active,
        lastSyncAt,
        lastSyncStatus,
        lastError,
        etag,
        createdAt,
        updatedAt,
        verified,
        error,
        previousWebhookSecret,
        previousSecretExpiresAt);
  }

  /** Whether the token proved push or admin access to the repository at the last check. */
  public boolean verified() {
    return verifiedAt != null;
  }

  /**
   * The webhook secrets a delivery may be signed with at {@code now}: the current one, and the one
   * replaced by the last rotation while its overlap lasts (GitHub keeps signing with it until the
   * repository's webhook settings are updated).
   */
  public List<StoredSecret> webhookSecrets(Instant now) {
    StoredSecret current = new StoredSecret(webhookSecret, secretContext(id));
    if (previousWebhookSecret == null
        || previousSecretExpiresAt == null
        || !now.isBefore(previousSecretExpiresAt)) {
      return List.of(current);
    }
    return List.of(current, new StoredSecret(previousWebhookSecret, previousSecretContext(id)));
  }

  /**
   * An encrypted secret and the cipher context it was encrypted with.
   *
   * @param ciphertext the stored {@code enc:v1:} value
   * @param context the associated data it is bound to
   */
  public record StoredSecret(String ciphertext, String context) {
    @Override
    public String toString() {
      return "StoredSecret[" + context + "]";
    }
  }

  /**
   * The user-editable settings of a connection.
   *
   * @param defaultProjectId project for tasks, or {@code null}
   * @param labelFilter label filter, or {@code null}
   * @param autoStart start timers on assignment
   * @param timerPolicy skip or switch
   * @param stopOnUnassign stop on unassignment
   * @param active accept deliveries
   */
  public record Settings(
      Long defaultProjectId,
      String labelFilter,
      boolean autoStart,
      TimerPolicy timerPolicy,
      boolean stopOnUnassign,
      boolean active) {

    /** From a request: absent flags are false (active: true), policy skip, blank filter none. */
    public static Settings of(ConnectionRequest r) {
      String filter =
          r.labelFilter() == null || r.labelFilter().isBlank() ? null : r.labelFilter().strip();
      return new Settings(
          r.defaultProjectId(),
          filter,
          Boolean.TRUE.equals(r.autoStart()),
          r.timerPolicy() == null ? TimerPolicy.SKIP : TimerPolicy.of(r.timerPolicy()),
          Boolean.TRUE.equals(r.stopOnUnassign()),
          r.active() == null || r.active());
    }
  }

  /** Cipher context of the webhook secret: a ciphertext copied to another row does not decrypt. */
  public static String secretContext(UUID id) {
    return "github_connection:" + id + ":webhook_secret";
  }

  /** Cipher context of the webhook secret replaced by the last rotation. */
  public static String previousSecretContext(UUID id) {
    return "github_connection:" + id + ":previous_webhook_secret";
  }

  /** Cipher context of the token. */
  public static String tokenContext(UUID id) {
    return "github_connection:" + id + ":token";
  }

  @Override
  public String toString() {
    return "Connection[id=" + id + ", repo=" + fullName() + ", owner=" + ownerUserId + "]";
  }
}
