package io.timetracker.contracts.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A user's account at another system, e.g. {@code github}/{@code octo-cat}, {@code slack}/{@code
 * T123:U456} (team and user id), {@code google}/account id. GitHub logins are case-insensitive and
 * answered lower-cased in {@code externalId}; {@code displayName} keeps the spelling the link was
 * made with.
 */
@Schema(name = "Identity")
public record IdentityDto(
    long id,
    long userId,
    String provider,
    String externalId,
    String displayName,
    String linkedBy,
    Instant linkedAt) {}
