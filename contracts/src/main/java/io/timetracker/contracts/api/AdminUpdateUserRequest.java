package io.timetracker.contracts.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an admin may change on any user: the GitHub identity link and the active flag. Roles come
 * from the identity provider's token on every sign-in (manage them in Keycloak), so they are not
 * editable here.
 */
@Schema(name = "AdminUpdateUserRequest")
public record AdminUpdateUserRequest(
    @Size(max = 100) @Pattern(regexp = "^$|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
        String githubUsername,
    Boolean active) {}
