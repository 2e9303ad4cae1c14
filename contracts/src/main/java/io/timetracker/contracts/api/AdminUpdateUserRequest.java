package io.timetracker.contracts.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an admin may change on any user: GitHub identity link, role and active flag. */
@Schema(name = "AdminUpdateUserRequest")
public record AdminUpdateUserRequest(
    @Size(max = 100) @Pattern(regexp = "^$|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
        String githubUsername,
    @Pattern(regexp = "user|admin") String role,
    Boolean active) {}
