package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Links an account at another system to a user. {@code provider} is a lower-case name ({@code
 * github}, {@code slack}, {@code google}); {@code externalId} the account's stable id there (Slack:
 * {@code TEAM:USER}); {@code displayName} an optional human spelling.
 */
@Schema(name = "LinkIdentityRequest")
public record LinkIdentityRequest(
    @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{1,19}") String provider,
    @NotBlank @Size(max = 200) String externalId,
    @Size(max = 200) String displayName) {}
