package io.timetracker.contracts.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user of the suite with their preferences. */
@Schema(name = "User")
public record UserDto(
    long id,
    String username,
    String email,
    String fullName,
    @Schema(enumeration = {"user", "admin"}) String role,
    String timeZone,
    int roundingMinutes,
    @Schema(enumeration = {"nearest", "up", "down"}) String roundingMethod,
    String githubUsername,
    boolean active) {}
