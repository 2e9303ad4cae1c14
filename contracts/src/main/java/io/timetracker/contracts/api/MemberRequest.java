package io.timetracker.contracts.api;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Adds a user to a project's members. */
@Schema(name = "MemberRequest")
public record MemberRequest(@NotNull Long userId) {}
