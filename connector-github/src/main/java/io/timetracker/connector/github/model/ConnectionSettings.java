package io.timetracker.connector.github.model;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A connection's non-secret settings as the API shows them.
 *
 * @param id connection id
 * @param repository {@code owner/repo}
 * @param ownerUserId the owner's core user id
 * @param webhookUrl the exact URL to paste into GitHub
 * @param defaultProjectId the project tasks go to
 * @param labelFilter only issues with this label, or {@code null}
 * @param autoStart start a timer on assignment
 * @param timerPolicy {@code skip} or {@code switch} when a timer already runs
 * @param stopOnUnassign stop the timer on that issue when unassigned
 * @param active deliveries are accepted
 * @param createdAt created
 * @param verifiedAt when the token last proved push or admin access to the repository; {@code null}
 *     = not proven, and then the connection acts for its owner only
 * @param verificationError why access is not proven, or {@code null}
 */
@Schema(name = "GithubConnectionSettings")
public record ConnectionSettings(
    UUID id,
    String repository,
    long ownerUserId,
    String webhookUrl,
    Long defaultProjectId,
    String labelFilter,
    boolean autoStart,
    TimerPolicy timerPolicy,
    boolean stopOnUnassign,
    boolean active,
    Instant createdAt,
    Instant verifiedAt,
    String verificationError) {

  /** From a stored connection and the webhook URL. */
  public static ConnectionSettings of(Connection c, String webhookUrl) {
    return new ConnectionSettings(
        c.id(),
        c.fullName(),
        c.ownerUserId(),
        webhookUrl,
        c.defaultProjectId(),
        c.labelFilter(),
        c.autoStart(),
        c.timerPolicy(),
        c.stopOnUnassign(),
        c.active(),
        c.createdAt(),
        c.verifiedAt(),
        c.verificationError());
  }
}
